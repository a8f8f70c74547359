//go:build unix

package store

import (
	"net"
	"testing"
	"time"
)

// serverSpoke tells a quiet connection from one whose server wrote to it
// (the FATAL of a terminated backend) or closed it, without reading.
func TestServerSpoke(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, _ := ln.Accept()
		accepted <- c
	}()
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	server := <-accepted
	if serverSpoke(client) {
		t.Fatal("a quiet connection is said to have spoken")
	}
	if _, err := server.Write([]byte("E")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return serverSpoke(client) })
	// Peeking did not consume the byte.
	b := make([]byte, 1)
	_ = client.SetReadDeadline(time.Now().Add(time.Second))
	if n, _ := client.Read(b); n != 1 || b[0] != 'E' {
		t.Fatalf("the byte was consumed: %d %q", n, b)
	}
	if serverSpoke(client) {
		t.Fatal("nothing left to read, yet said to have spoken")
	}
	server.Close()
	waitFor(t, func() bool { return serverSpoke(client) })
}

// waitFor polls cond until it holds: delivery on loopback is not instant.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 1000 {
		if cond() {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("condition never held")
}
