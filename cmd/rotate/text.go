package main

import (
	"strings"

	"rotate/rotation"
)

// Text given on the command line goes through rotation's sanitiser before
// it reaches the book: escape sequences and control characters are
// removed. A one-line field (a name, a company, a tag, a phone number)
// given with a line break is refused rather than joined: the break is
// more likely a pasting accident than part of the name.

// lineArg is a one-line value of the command line, what names it in a
// message (`the name`, `--company`).
func lineArg(what, v string) (string, error) {
	if rotation.HasLineBreak(v) {
		return "", usagef("%s holds a line break; give it on one line", what)
	}
	return rotation.CleanLine(v), nil
}

// textArg is a note of the command line: line breaks kept, the rest
// sanitised, trailing blank lines and spaces dropped.
func textArg(v string) string {
	return strings.TrimRight(rotation.CleanText(v), "\n\t ")
}

// phoneArg reads a --phone value, "NUMBER" or "NUMBER:label": the number
// must be digits and phone punctuation (rotation.CheckPhone), or the
// command is refused.
func phoneArg(v string) (rotation.Phone, error) {
	num, label, _ := strings.Cut(v, ":")
	num = strings.TrimSpace(num)
	if num == "" {
		return rotation.Phone{}, nil
	}
	if err := rotation.CheckPhone(num); err != nil {
		return rotation.Phone{}, usagef("--phone %s: %v", rotation.PrintableLine(strings.Join(strings.Fields(num), " ")), err)
	}
	label, err := lineArg("--phone's label", label)
	if err != nil {
		return rotation.Phone{}, err
	}
	return rotation.Phone{Number: rotation.CleanPhone(num), Label: label}, nil
}
