// Command rotate is a terminal call rotation for people who keep in touch
// with their best clients by phone. See README.md for a tour.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Environ()))
}
