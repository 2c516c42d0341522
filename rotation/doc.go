// Package rotation holds the pure rules of a call rotation: civil dates and
// workdays, cadence rules, what a call's outcome means for the next call,
// date words typed by people, and the priority of the due list.
//
// Nothing here reads the clock, a terminal or a database: every function
// takes the day it works for, so tests and ROTATE_TODAY behave the same.
package rotation
