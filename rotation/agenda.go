package rotation

// Progress is the day's "done of total" as the list shows it: the people
// called today who are not due again (a snooze or an edit can bring one
// back to today's list), out of them and those still due. Someone is
// counted once, however many calls they had today.
func (a Agenda) Progress() (done, total int) {
	due := make(map[int64]bool, len(a.Due))
	for _, it := range a.Due {
		due[it.ID] = true
	}
	for id := range a.DoneNames {
		if !due[id] {
			done++
		}
	}
	return done, done + len(a.Due)
}
