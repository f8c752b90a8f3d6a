#!/usr/bin/env bash
# Builds the Debian packages from a release build with the Swift runtime linked statically, stripped:
#
#   dist/altinn-sync_<version>_<arch>.deb   the tool, its systemd units, configuration, man page, completions
#   dist/altinn-sim_<version>_<arch>.deb    the simulator and its demo (with --with-simulator)
#
#   scripts/package-deb.sh [--with-simulator]
#
# Besides the Swift toolchain it needs Debian's dpkg-dev, binutils and gzip. Man pages come from the command
# definitions (swift-argument-parser's generate-manual plugin, run on a debug build), completions from the
# programs themselves. It refuses an altinn-sync that links simulator, NIO or Hummingbird code, or full
# Foundation or ICU (it needs FoundationEssentials only).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "package-deb.sh: $*" >&2
    exit 1
}

with_simulator=false
for argument in "$@"; do
    case "$argument" in
    --with-simulator) with_simulator=true ;;
    -h | --help)
        sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "package-deb.sh: unknown argument $argument; see --help" >&2
        exit 64
        ;;
    esac
done
for tool in dpkg-deb dpkg-shlibdeps strip readelf nm gzip; do
    command -v "$tool" >/dev/null || fail "$tool is missing: apt-get install -y dpkg-dev binutils gzip"
done

products=(altinn-sync)
if $with_simulator; then products+=(altinn-sim); fi

echo "== release build, Swift runtime linked statically: ${products[*]}"
# Without the $ORIGIN run path SwiftPM adds by default: an installed program loads no library from /usr/bin.
for product in "${products[@]}"; do
    swift build -c release --static-swift-stdlib --disable-local-rpath --product "$product"
done
bin=$(swift build -c release --show-bin-path)

echo "== altinn-sync links no simulator, NIO or Hummingbird code"
# What the linker was given: the object files of each module linked into the program.
forbidden='NIO|Hummingbird|AsyncAlgorithms|ServiceLifecycle|UnixSignals|AltinnSimulator|TestSupport'
if sed 's|.*/\([^/]*\)\.build/.*|\1|' "$bin/altinn-sync.product/Objects.LinkFileList" | sort -u | grep -E "$forbidden"; then
    fail "altinn-sync links the modules above; it is what operators install (DESIGN.md, section 6)"
fi
# What the program holds: no symbol of those modules, nor of NIO's C code (c_nio_*, llhttp).
leaked=$(nm "$bin/altinn-sync" | grep -c -E "$forbidden|c_nio_|llhttp" || true)
[ "$leaked" -eq 0 ] || fail "altinn-sync holds $leaked symbols of the simulator, NIO or Hummingbird"

echo "== altinn-sync links FoundationEssentials only: no full Foundation, CoreFoundation or ICU"
# The libraries its objects ask the linker for (Swift's autolink entries), then what the program holds: no Swift
# symbol of Foundation or FoundationInternationalization, and no ICU (icu_NN) or CoreFoundation code.
autolink="$(dirname "$(readlink -f "$(command -v swift)")")/swift-autolink-extract"
[ -x "$autolink" ] || fail "$autolink is missing: the Swift toolchain is incomplete"
libraries=$(xargs -d "\n" "$autolink" -o - <"$bin/altinn-sync.product/Objects.LinkFileList" | sort -u)
if grep -E -x -e '-l(Foundation|FoundationInternationalization|_FoundationICU|CoreFoundation)' <<<"$libraries"; then
    fail "altinn-sync asks for the libraries above; use FoundationEssentials"
fi
foundation='\$s10Foundation|FoundationInternationalization|0A20Internationalization|_FoundationICU|icu_[0-9]+|CFStringCreate'
leaked=$(nm "$bin/altinn-sync" | grep -c -E "$foundation" || true)
[ "$leaked" -eq 0 ] || fail "altinn-sync holds $leaked symbols of full Foundation or ICU; use FoundationEssentials"

version=$("$bin/altinn-sync" --version)
arch=$(dpkg --print-architecture)
maintainer="${DEBFULLNAME:-altinn-sync packagers} <${DEBEMAIL:-altinn-sync@localhost}>"
# The date of the last commit, so that the same sources make the same man pages.
date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)

echo "== man pages from the command definitions"
manuals=$(swift build --show-bin-path | sed 's|/[^/]*/debug$||')/plugins/GenerateManual/outputs
rm -rf "$manuals"
swift package generate-manual --configuration debug --date "$date"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p dist

# stage PRODUCT: the program stripped, its man page and its completions, under $work/PRODUCT.
stage() {
    local product=$1 root="$work/$1"
    install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/man/man1" "$root/usr/share/doc/$product" \
        "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
        "$root/usr/share/fish/vendor_completions.d"
    strip --strip-all -o "$root/usr/bin/$product" "$bin/$product"
    chmod 0755 "$root/usr/bin/$product"
    gzip -9n <"$manuals/$product/$product.1" >"$root/usr/share/man/man1/$product.1.gz"
    "$bin/$product" --generate-completion-script bash >"$root/usr/share/bash-completion/completions/$product"
    "$bin/$product" --generate-completion-script zsh >"$root/usr/share/zsh/vendor-completions/_$product"
    "$bin/$product" --generate-completion-script fish >"$root/usr/share/fish/vendor_completions.d/$product.fish"
}

# control PRODUCT TEMPLATE: DEBIAN/control from the template, with the shared libraries' packages as Depends.
control() {
    local product=$1 template=$2 root="$work/$1" depends
    mkdir -p "$work/shlibs/debian"
    printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$product" "$product" >"$work/shlibs/debian/control"
    depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O "$root/usr/bin/$product" 2>/dev/null | sed 's/^shlibs:Depends=//')
    [ -n "$depends" ] || fail "dpkg-shlibdeps found no shared libraries for $product"
    sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
        -e "s|@DEPENDS@|$depends|" -e "s|@INSTALLED_SIZE@|$(du -sk --exclude=DEBIAN "$root" | cut -f1)|" \
        "$template" >"$root/DEBIAN/control"
    (cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
}

# build PRODUCT: the .deb in dist/.
build() {
    local deb="dist/$1_${version}_${arch}.deb"
    dpkg-deb --root-owner-group -Zxz --build "$work/$1" "$deb" >/dev/null
    echo "$deb: $(du -h "$deb" | cut -f1); /usr/bin/$1 stripped: $(stat -c %s "$work/$1/usr/bin/$1") bytes"
    echo "  Depends: $(sed -n 's/^Depends: //p' "$work/$1/DEBIAN/control")"
}

echo "== altinn-sync_${version}_${arch}.deb"
stage altinn-sync
root="$work/altinn-sync"
install -d "$root/usr/lib/systemd/system" "$root/etc/altinn-sync"
install -m 0644 packaging/systemd/altinn-sync.service packaging/systemd/altinn-sync.timer \
    packaging/systemd/altinn-sync-watch.service "$root/usr/lib/systemd/system/"
install -m 0644 packaging/config.json "$root/etc/altinn-sync/config.json"
install -m 0644 config.example.json "$root/usr/share/doc/altinn-sync/"
gzip -9n <README.md >"$root/usr/share/doc/altinn-sync/README.md.gz"
install -m 0644 packaging/debian/conffiles "$root/DEBIAN/conffiles"
install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$root/DEBIAN/"
control altinn-sync packaging/debian/control.in
build altinn-sync

if $with_simulator; then
    echo "== altinn-sim_${version}_${arch}.deb"
    stage altinn-sim
    gzip -9n <docs/simulator.md >"$work/altinn-sim/usr/share/doc/altinn-sim/simulator.md.gz"
    control altinn-sim packaging/debian/altinn-sim.control.in
    build altinn-sim
fi
