/*
 * loopback_bind.c - LD_PRELOAD shim used by the tlsready test lab.
 *
 * One job: force every bind() of the wrapped program onto the loopback
 * interface.  gnutls-serv has no option to choose its listen address and
 * always binds the wildcard address; the lab must only ever listen on the
 * loopback addresses, so the lab runs gnutls-serv with this shim preloaded.
 *
 *   IPv4 bind -> address replaced by INADDR_LOOPBACK, port kept
 *   IPv6 bind -> fails with EADDRNOTAVAIL, unless LOOPBACK_BIND_IPV6=1 is
 *                set: then address replaced by in6addr_loopback, port kept
 *   other families (AF_UNIX, ...) untouched
 *
 * (gnutls-serv tolerates a failing bind for one of its address families and
 * keeps serving on the other, so the lab's gnutls endpoints listen on
 * 127.0.0.1 only.)
 *
 * Built on demand by tests/lab/lab.py with:  cc -shared -fPIC -O2 -o X.so X.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

typedef int (*bind_fn)(int, const struct sockaddr *, socklen_t);

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    static bind_fn real_bind;
    if (!real_bind) {
        real_bind = (bind_fn)dlsym(RTLD_NEXT, "bind");
        if (!real_bind) {
            errno = ENOSYS;
            return -1;
        }
    }
    if (addr && addr->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
        struct sockaddr_in sin;
        memcpy(&sin, addr, sizeof(sin));
        sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return real_bind(fd, (const struct sockaddr *)&sin, sizeof(sin));
    }
    if (addr && addr->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
        const char *allow = getenv("LOOPBACK_BIND_IPV6");
        if (!allow || strcmp(allow, "1") != 0) {
            errno = EADDRNOTAVAIL;
            return -1;
        }
        struct sockaddr_in6 sin6;
        memcpy(&sin6, addr, sizeof(sin6));
        sin6.sin6_addr = in6addr_loopback;
        sin6.sin6_scope_id = 0;
        return real_bind(fd, (const struct sockaddr *)&sin6, sizeof(sin6));
    }
    return real_bind(fd, addr, len);
}
