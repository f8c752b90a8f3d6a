#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the configuration file exists but this user may not read it, in words that say what to do: the file
/// is there, so pointing at another one (`--config`) is not the remedy.
enum ConfigurationFileAccess {
    /// The problem with reading `path` when the file (or a folder on its path) refuses this user, or nil when
    /// it does not: a file that does not exist, or any other failure, is left to the reader to report.
    static func permissionProblem(at path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            guard errno == EACCES else { return nil }
            return
                "cannot be reached by this user (\(userName(geteuid()))): a folder on its path does not let this "
                + "user in. \(remedy)"
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor >= 0 {
            close(descriptor)
            return nil
        }
        guard errno == EACCES else { return nil }
        return unreadable(
            user: userName(geteuid()), owner: userName(info.st_uid), group: groupName(info.st_gid),
            mode: info.st_mode)
    }

    /// The message for a file that exists but may not be read by `user`.
    static func unreadable(user: String, owner: String, group: String, mode: mode_t) -> String {
        let octal = String(mode & 0o7777, radix: 8)
        let permissions = String(repeating: "0", count: max(0, 4 - octal.count)) + octal
        return "exists, but this user (\(user)) may not read it: it is owned by \(owner):\(group) with mode "
            + "\(permissions). \(remedy)"
    }

    private static let remedy =
        "Run altinn-sync as a user that may read it (the packaged service runs as altinn-sync: "
        + "sudo -u altinn-sync altinn-sync ...), or let this user read it, for example through the file's group "
        + "(chgrp GROUP FILE; chmod g+r FILE)"

    private static func userName(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }

    private static func groupName(_ gid: gid_t) -> String {
        guard let entry = getgrgid(gid), let name = entry.pointee.gr_name else { return "gid \(gid)" }
        return String(cString: name)
    }
}
