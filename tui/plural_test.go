package tui

import (
	"context"
	"strings"
	"testing"

	"rotate/rotation"
)

// TestOneContactIsSingular: counts read "1 contact", not "1 contacts".
func TestOneContactIsSingular(t *testing.T) {
	s := newBook(t)
	if _, err := s.AddContact(context.Background(), rotation.Contact{Name: "Solo", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: today}}, today); err != nil {
		t.Fatal(err)
	}
	out := screen(keysThen(t, open(t, s, 100, 24), "2"))
	if !strings.Contains(out, " 1 contact ·") || strings.Contains(out, "1 contacts") {
		t.Fatalf("the Contacts header does not say 1 contact:\n%s", out)
	}
}
