#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts POSIX threads of their own for work that blocks (libcurl's event loop, fsync), which must stay off
/// Swift's cooperative pool; Foundation's `Thread` without full Foundation.
package enum DetachedThread {
    /// Runs `body` on a new detached thread named `name` (cut to the 15 bytes Linux keeps), as `top -H` and
    /// debuggers show it.
    package static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(ThreadBody(name: name, body: body)).toOpaque()
        #if canImport(Glibc)
            var thread = pthread_t()
        #else
            var thread: pthread_t?
        #endif
        let status = pthread_create(&thread, nil, threadEntry, box)
        guard status == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            preconditionFailure("cannot start thread \(name): \(String(cString: strerror(status)))")
        }
        #if canImport(Glibc)
            pthread_detach(thread)
        #else
            if let thread { pthread_detach(thread) }
        #endif
    }
}

/// What a new thread runs, handed to it through `pthread_create`'s argument.
private final class ThreadBody {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }
}

/// The thread's entry point: names the thread, then runs its body.
private func threadEntry(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let argument else { return nil }
    let thread = Unmanaged<ThreadBody>.fromOpaque(argument).takeRetainedValue()
    let name = String(decoding: thread.name.utf8.prefix(15), as: UTF8.self)
    #if canImport(Glibc)
        // pthread_setname_np is a GNU extension the Glibc module leaves out; the kernel's file does the same.
        let file = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        if file >= 0 {
            _ = name.withCString { write(file, $0, strlen($0)) }
            close(file)
        }
    #else
        _ = pthread_setname_np(name)
    #endif
    thread.body()
    return nil
}
