# Sourced by ./kldiv (no process of its own). Defines aot_cache_fresh.
#
# aot_cache_fresh CACHE STAMP JDK JAR...: whether the AOT cache CACHE can be used: it exists, was trained after
# the last build (STAMP) on the JDK at JDK (recorded in CACHE.jdk), and after every jar of the classpath was
# written. The jars are checked here because JDK 25 up to 25.0.3 does not check them itself: it loads a cache's
# classes even when their jar has changed since (JDK-8377932, fixed in 25.0.4), so a stale cache would run the
# old code.
aot_cache_fresh() {
    local cache="$1" stamp="$2" jdk="$3" trained_on= jar
    shift 3
    [ -f "$cache" ] && [ ! "$stamp" -nt "$cache" ] || return 1
    [ -r "$cache.jdk" ] && IFS= read -r trained_on < "$cache.jdk" || return 1
    [ "$trained_on" = "$jdk" ] || return 1
    for jar in "$@"; do
        [ ! "$jar" -nt "$cache" ] || return 1
    done
}
