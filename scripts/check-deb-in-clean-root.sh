#!/usr/bin/env bash
# Installs the package into a fresh Debian 12 root (debootstrap --variant=minbase: no Swift toolchain, no
# compiler) and follows README's "Install" there: the program, its help and man page, the user, folders,
# units and conffile the package made; the first configuration with the key as a systemd credential; `check`
# and `sync` as the service user against an altinn-sim on the host's loopback, archiving and confirming; an
# upgrade that keeps the operator's configuration; removal and purge that keep the archive and state.
#
#   scripts/check-deb-in-clean-root.sh ALTINN_SYNC_DEB ALTINN_SIM_PROGRAM [ALTINN_SIM_DEB]
#
# ALTINN_SIM_PROGRAM runs on the host (the debug build will do). With ALTINN_SIM_DEB, the simulator's package
# is installed too and `altinn-sim demo` runs inside the root against the installed altinn-sync. Needs root,
# debootstrap and curl; DEBIAN_MIRROR overrides the mirror (default: the host's, else deb.debian.org).
set -euo pipefail

fail() {
    echo "check-deb-in-clean-root.sh: $*" >&2
    exit 1
}

[ $# -ge 2 ] || fail "usage: $0 ALTINN_SYNC_DEB ALTINN_SIM_PROGRAM [ALTINN_SIM_DEB]"
deb=$(realpath "$1")
simulator=$(realpath "$2")
sim_deb=${3:+$(realpath "$3")}
[ "$(id -u)" -eq 0 ] || fail "run as root (debootstrap and chroot need it)"
for tool in debootstrap curl dpkg-deb; do
    command -v "$tool" >/dev/null || fail "$tool is missing: apt-get install -y debootstrap curl"
done
[ -x "$simulator" ] || fail "$simulator is not an executable altinn-sim"
mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null |
    head -1)}
mirror=${mirror:-http://deb.debian.org/debian}

work=$(mktemp -d /var/tmp/altinn-sync-clean-root.XXXXXX)
root="$work/root"
sim_pid=""
cleanup() {
    [ -z "$sim_pid" ] || kill "$sim_pid" 2>/dev/null || true
    for mount in "$root/proc" "$root/dev"; do
        if mountpoint -q "$mount"; then umount -l "$mount"; fi
    done
    rm -rf "$work"
}
trap cleanup EXIT

step() { echo "-- $*"; }
# in_root COMMAND...: runs a command inside the root as root, with a plain environment.
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
# as_service COMMAND: runs a shell command inside the root as systemd runs the units: the service user, umask
# 0027, and the credentials in a folder of the user's own, as LoadCredential= passes them.
as_service() {
    chroot --userspec=altinn-sync:altinn-sync "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/var/lib/altinn-sync \
        LANG=C.UTF-8 CREDENTIALS_DIRECTORY=/run/credentials/altinn-sync.service /bin/sh -c "umask 0027; $1"
}
expect() { # expect DESCRIPTION COMMAND...: the command must succeed.
    local what=$1
    shift
    "$@" || fail "not so: $what"
}

started=$(date +%s)
step "debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log"; fail "debootstrap failed"; }
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf"
expect "no Swift toolchain in the root" test ! -e "$root/usr/bin/swift" -a ! -e "$root/usr/bin/swiftc"
echo "   root ready in $(($(date +%s) - started)) s"

step "apt-get install ./$(basename "$deb")"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "/tmp/$(basename "$deb")" man-db systemd >"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log"; fail "install failed"; }
version=$(dpkg-deb -f "$deb" Version)

step "the program, its help and its man page"
expect "altinn-sync --version prints $version" test "$(in_root altinn-sync --version)" = "$version"
in_root altinn-sync --help | grep -q "SUBCOMMANDS:" || fail "altinn-sync --help lists no subcommands"
in_root env MANPAGER=cat MANWIDTH=80 man altinn-sync >"$work/man.txt" 2>"$work/man.err" ||
    { cat "$work/man.err"; fail "man altinn-sync does not render"; }
for fragment in "ALTINN-SYNC(1)" "--max-duration" "reconcile" "--interval"; do
    grep -q -e "$fragment" "$work/man.txt" || { head -20 "$work/man.txt"; fail "the man page lacks $fragment"; }
done
for completion in /usr/share/bash-completion/completions/altinn-sync /usr/share/zsh/vendor-completions/_altinn-sync \
    /usr/share/fish/vendor_completions.d/altinn-sync.fish; do
    expect "$completion is installed" test -s "$root$completion"
done
in_root bash -c "source /usr/share/bash-completion/completions/altinn-sync && complete -p altinn-sync" >/dev/null ||
    fail "the bash completion does not load"

step "the user, folders, units and conffile"
in_root getent passwd altinn-sync | grep -q ':/var/lib/altinn-sync:/usr/sbin/nologin$' ||
    fail "no system user altinn-sync with home /var/lib/altinn-sync"
mode() { in_root stat -c '%a %U:%G' "$1"; }
expect "archive folder 750" test "$(mode /var/lib/altinn-sync/archive)" = "750 altinn-sync:altinn-sync"
expect "state folder 700" test "$(mode /var/lib/altinn-sync/state)" = "700 altinn-sync:altinn-sync"
expect "credentials folder 700 root" test "$(mode /etc/altinn-sync/credentials)" = "700 root:root"
for unit in altinn-sync.service altinn-sync.timer altinn-sync-watch.service; do
    expect "$unit is installed" test -s "$root/usr/lib/systemd/system/$unit"
done
in_root dpkg-query -W -f='${Conffiles}\n' altinn-sync | grep -q "/etc/altinn-sync/config.json" ||
    fail "/etc/altinn-sync/config.json is not a conffile"
# The root's own systemd (installed, not running: a chroot has none) reads the units as Debian 12 will.
in_root systemd-analyze verify altinn-sync.service altinn-sync.timer altinn-sync-watch.service >"$work/verify.txt" 2>&1 ||
    { cat "$work/verify.txt"; fail "systemd-analyze verify failed"; }
[ ! -s "$work/verify.txt" ] || { cat "$work/verify.txt"; fail "systemd-analyze verify found problems in the units"; }
for unit in altinn-sync.service altinn-sync-watch.service; do
    echo "   $unit: $(in_root systemd-analyze security --offline=true "/usr/lib/systemd/system/$unit" 2>&1 | tail -1)"
done

step "first configuration: altinn-sim on the host's loopback, the key as a systemd credential"
"$simulator" --port 0 --instances 12 --visibility-lag 0 --write-config "$work/sim/altinn-sync.json" \
    >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do
    grep -q "^listening on " "$work/sim.out" 2>/dev/null && break
    sleep 0.2
done
base=$(sed -n 's/^listening on //p' "$work/sim.out")
[ -n "$base" ] || { cat "$work/sim.err"; fail "altinn-sim did not start"; }
kid=$(sed -n 's/.*"kid": "\([^"]*\)".*/\1/p' "$work/sim/altinn-sync.json")
client=$(sed -n 's/.*"clientId": "\([^"]*\)".*/\1/p' "$work/sim/altinn-sync.json")
install -m 0600 "$work/sim/client-key.pem" "$root/etc/altinn-sync/credentials/maskinporten-key"
# The operator's edit of the packaged configuration: the environment, the apps, the client and the key.
cat >"$root/etc/altinn-sync/config.json" <<EOF
{
  "environment": "custom",
  "endpoints": {"maskinporten": "$base/maskinporten/", "platform": "$base", "apps": "$base/apps"},
  "org": "ttd",
  "apps": ["ttd/skjema-a", "ttd/skjema-b"],
  "maskinporten": {
    "clientId": "$client",
    "key": {"type": "pem", "credential": "maskinporten-key", "kid": "$kid"}
  },
  "archiveDir": "/var/lib/altinn-sync/archive",
  "stateDir": "/var/lib/altinn-sync/state"
}
EOF
# What LoadCredential= makes of /etc/altinn-sync/credentials: a copy only the service user may read.
uid=$(in_root id -u altinn-sync)
gid=$(in_root id -g altinn-sync)
install -d -o "$uid" -g "$gid" -m 0500 "$root/run/credentials/altinn-sync.service"
install -o "$uid" -g "$gid" -m 0400 "$root/etc/altinn-sync/credentials/maskinporten-key" \
    "$root/run/credentials/altinn-sync.service/maskinporten-key"

step "altinn-sync check, as the service"
as_service "altinn-sync check --config /etc/altinn-sync/config.json" >"$work/check.txt" 2>&1 ||
    { cat "$work/check.txt"; fail "check failed"; }
grep -q "^ok   signing key" "$work/check.txt" || { cat "$work/check.txt"; fail "check did not load the key"; }

step "altinn-sync sync, as the service: archive and confirm"
as_service "altinn-sync sync -q --config /etc/altinn-sync/config.json --metrics-file /var/lib/altinn-sync/state/m.prom" ||
    fail "sync exited $?"
truth=$(curl -sf "$base/_sim/truth")
completed=$(grep -o '"completed":true' <<<"$truth" | wc -l)
confirmed=$(grep -o '"confirmed":true' <<<"$truth" | wc -l)
archived=$(find "$root/var/lib/altinn-sync/archive/ttd" -name manifest.json | wc -l)
echo "   $archived archived and $confirmed confirmed of $completed completed submissions"
[ "$completed" -gt 0 ] && [ "$archived" -eq "$completed" ] && [ "$confirmed" -eq "$completed" ] ||
    fail "sync archived $archived and confirmed $confirmed of $completed"
bad=$(find "$root/var/lib/altinn-sync/archive/ttd" \( -type f ! -perm 0640 \) -o \( -type d ! -perm 0750 \) |
    head -3)
[ -z "$bad" ] || fail "archive modes are not 0640/0750: $bad"
as_service "altinn-sync status --config /etc/altinn-sync/config.json" | grep -q "^OK: " ||
    fail "status is not OK after the sync"
# Without the credential, as when the unit lacks its LoadCredential= line.
rm -f "$root/run/credentials/altinn-sync.service/maskinporten-key"
code=0
as_service "altinn-sync sync -q --config /etc/altinn-sync/config.json" 2>"$work/nokey.txt" || code=$?
[ "$code" -eq 78 ] && grep -q "LoadCredential=maskinporten-key" "$work/nokey.txt" ||
    { cat "$work/nokey.txt"; fail "a missing credential is not exit 78 naming LoadCredential= ($code)"; }

if [ -n "$sim_deb" ]; then
    step "altinn-sim demo inside the root, driving the installed altinn-sync"
    cp "$sim_deb" "$root/tmp/"
    in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$sim_deb")" >"$work/apt.log" 2>&1 ||
        { tail -30 "$work/apt.log"; fail "installing the simulator's package failed"; }
    in_root altinn-sim demo --directory /tmp/demo >"$work/demo.txt" 2>&1 || { cat "$work/demo.txt"; fail "demo failed"; }
    grep -q "^altinn-sync: /usr/bin/altinn-sync$" "$work/demo.txt" || fail "the demo did not run /usr/bin/altinn-sync"
    grep "^verified: " "$work/demo.txt"
    in_root apt-get remove -y -qq altinn-sim >"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log"; fail "removing altinn-sim failed"; }
fi

step "upgrade: the operator's configuration and the archive stay"
before=$(md5sum <"$root/etc/altinn-sync/config.json")
next="$work/next"
dpkg-deb -R "$deb" "$next"
sed -i "s/^Version: .*/Version: $version+upgrade/" "$next/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$next" "$root/tmp/next.deb" >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confold /tmp/next.deb \
    >"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log"; fail "the upgrade failed"; }
expect "upgraded" test "$(in_root dpkg-query -W -f='${Version}' altinn-sync)" = "$version+upgrade"
expect "config.json kept" test "$(md5sum <"$root/etc/altinn-sync/config.json")" = "$before"
expect "archive kept" test "$(find "$root/var/lib/altinn-sync/archive/ttd" -name manifest.json | wc -l)" -eq "$archived"

step "remove, then purge: the archive and state stay"
in_root apt-get remove -y -qq altinn-sync >"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log"; fail "remove failed"; }
expect "the program is gone" test ! -e "$root/usr/bin/altinn-sync"
expect "config.json stays until purge" test -s "$root/etc/altinn-sync/config.json"
in_root dpkg --purge altinn-sync >"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log"; fail "purge failed"; }
expect "config.json purged" test ! -e "$root/etc/altinn-sync/config.json"
expect "archive kept" test "$(find "$root/var/lib/altinn-sync/archive/ttd" -name manifest.json | wc -l)" -eq "$archived"
expect "state kept" test -s "$root/var/lib/altinn-sync/state/m.prom"

echo "clean root check passed in $(($(date +%s) - started)) s"
