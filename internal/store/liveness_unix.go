//go:build unix

package store

import (
	"net"
	"syscall"
)

// serverSpoke reports whether c's socket holds unread bytes or its end,
// without reading them or waiting. When that cannot be told, it says
// true, so the connection is pinged.
func serverSpoke(c net.Conn) bool {
	sc, ok := rawConn(c).(syscall.Conn)
	if !ok {
		return true
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return true
	}
	spoke := true
	err = raw.Read(func(fd uintptr) bool {
		var b [1]byte
		n, _, rerr := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		// n > 0: bytes waiting; n == 0 without error: the server closed it;
		// EAGAIN: nothing to read, the connection is quiet.
		spoke = n > 0 || n == 0 && rerr == nil || rerr != nil && rerr != syscall.EAGAIN && rerr != syscall.EWOULDBLOCK
		return true // never wait for readiness
	})
	return spoke || err != nil
}
