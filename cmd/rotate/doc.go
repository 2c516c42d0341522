// Command rotate is a terminal call rotation for people who keep in touch
// with their best clients by phone. See README.md for a tour.
//
// This package owns the command line: parsing arguments and flags, the
// text and JSON output, the exit codes (0 ok, 1 runtime failure, 2 bad
// usage or bad input) and the advice on what to type next. It opens the
// store, hands the rotation rules their day, and starts the tui.
package main
