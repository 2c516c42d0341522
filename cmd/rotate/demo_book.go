package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// demoPerson is one client of the sample book.
type demoPerson struct {
	name, company, phone, tier, rule string
	family, occupation, recreation   string
	message                          string
	birthday                         string // MM-DD, or ""
}

// demoPeople is a practice of about forty clients across tiers and every
// kind of cadence rule.
var demoPeople = []demoPerson{
	{"Jane Doe", "Acme Corp", "+1 555 0100", "A", "every 30d", "Husband Tom, daughter Jennifer (12, ballet)", "CFO at Acme", "Sailing; Alaska cruise planned", "Wants to retire at 60", "12-01"},
	{"Robert Chen", "Chen Logistics", "+1 555 0111", "A", "every 30d", "Wife Lisa, twin boys (8)", "Founder, runs 40 trucks", "Marathon runner", "Selling the company within 5 years", "03-14"},
	{"Maria González", "González Dental", "+1 555 0122", "A", "every 30d", "Partner Ana; mother moving in", "Dentist, two practices", "Flamenco, gardening", "Worried about her mother's care costs", ""},
	{"Ahmed Hassan", "Hassan Properties", "+1 555 0133", "A", "every 30d", "Wife Noor, three daughters", "Real estate, 60 rental units", "Falconry, chess", "Succession: eldest daughter takes over", "07-22"},
	{"Priya Raman", "Raman Architects", "+1 555 0144", "A", "every 30d", "Husband Vik, son at Stanford", "Principal architect", "Classical music, hiking", "College costs, second home", "11-29"},
	{"William Foster", "Foster & Reid LLP", "+1 555 0155", "A", "every 30d", "Divorced, daughter Emma (16)", "Senior partner, tax law", "Golf, vintage cars", "Wants a simpler portfolio", ""},
	{"Jürgen Müller", "Müller Maschinenbau", "+49 30 1234567", "A", "every 30d", "Wife Heike, two grown sons", "CEO, machine tools", "Cycling in the Alps", "US expansion, currency risk", "05-09"},
	{"Sofia Rossi", "Rossi Vini", "+39 055 123456", "A", "every 30d", "Husband Marco, baby Luca", "Winemaker, third generation", "Opera, cooking", "Parental leave; cash flow", ""},
	{"Tom Becker", "Becker Brothers", "+1 555 0201", "B", "every 90d", "Wife Sue, grandkids visiting in summer", "Retired contractor", "Fishing, woodworking", "Income from the portfolio", "09-03"},
	{"Linda Park", "Park Consulting", "+1 555 0202", "B", "every 90d", "Single, close to her nephew", "HR consultant", "Pottery", "Buying a condo next year", ""},
	{"George Adeyemi", "Adeyemi Pharmacy", "+1 555 0203", "B", "every 90d", "Wife Funmi, son starting med school", "Pharmacist, owner", "Soccer coach on weekends", "Med school tuition", "02-17"},
	{"Hannah Kowalski", "Kowalski Bakery", "+1 555 0204", "B", "every 90d", "Husband Piotr", "Bakery owner", "Baking competitions", "Second shop in the spring", ""},
	{"Carlos Mendes", "Mendes Auto", "+1 555 0205", "B", "every 90d", "Wife Rita, two teenagers", "Car dealership", "Surfing", "Estate plan not done", "06-30"},
	{"Emily Watson", "Watson Vet Clinic", "+1 555 0206", "B", "every 90d", "Partner Jo, three dogs", "Veterinarian", "Trail running with the dogs", "Buying out her partner", ""},
	{"Kenji Tanaka", "Tanaka Imports", "+81 3 1234 5678", "B", "every 90d", "Wife Yuki, daughter Hana (5)", "Importer of Japanese tools", "Bonsai, photography", "Yen exposure", "04-01"},
	{"Olivia Brown", "Brown Media", "+1 555 0208", "B", "every 90d", "Engaged to Sam, wedding in June", "Agency owner", "Climbing", "Wedding budget, joint accounts", ""},
	{"Daniel Levi", "Levi Software", "+1 555 0209", "B", "every 90d", "Husband Ari", "CTO, startup exit last year", "Sailing", "Diversifying the exit proceeds", "10-12"},
	{"Grace O'Neill", "O'Neill Law", "+1 555 0210", "B", "every 90d", "Widow, two grown daughters", "Family lawyer", "Choir, book club", "Charitable giving", ""},
	{"Ravi Patel", "Patel Motels", "+1 555 0211", "B", "every 3m", "Wife Meera, parents live with them", "Runs four motels", "Cricket", "Refinancing the motels", "08-08"},
	{"Chloe Martin", "Martin Florals", "+1 555 0212", "B", "every 3m", "Husband Luc", "Florist", "Painting", "Cash reserves for the slow season", ""},
	{"Peter Novak", "Novak Electric", "+1 555 0213", "B", "every 3m", "Wife Dana, son Jakub (10)", "Electrical contractor", "Ice hockey", "Retirement plan for his crew", "01-25"},
	{"Aisha Bello", "Bello Catering", "+1 555 0214", "C", "every 6m", "Sister runs the business with her", "Caterer", "Travel", "Growing slowly", ""},
	{"Frank Miller", "", "+1 555 0215", "C", "every 6m", "Wife Joan", "Retired teacher", "Birdwatching", "Keep it safe", "12-06"},
	{"Nina Petrova", "Petrova Translations", "+1 555 0216", "C", "every 6m", "", "Translator", "Ballet", "Irregular income", ""},
	{"Sam Okafor", "Okafor Fitness", "+1 555 0217", "C", "every 6m", "Partner Dee", "Gym owner", "Powerlifting", "Equipment loans", ""},
	{"Laura Schmidt", "", "+49 89 7654321", "C", "every 1y", "Husband Klaus", "Retired nurse", "Hiking", "Annual review only", "07-04"},
	{"Michael Ross", "Ross Realty", "+1 555 0219", "C", "every 1y", "", "Realtor", "Golf", "Referral source", ""},
	{"Yuki Sato", "Sato Design", "+1 555 0220", "C", "every 6m", "Husband Ken", "Graphic designer", "Anime, cosplay", "First-time investor", ""},
	{"Ben Carter", "Carter Roofing", "+1 555 0221", "C", "every 6m", "Wife Amy, baby on the way", "Roofer", "Hunting", "Life insurance", "03-03"},
	{"Zoe Evans", "Evans Yoga", "+1 555 0222", "C", "every 6m", "", "Yoga studio", "Meditation retreats", "Prospect: referred by Linda", ""},
	{"Marcus Reed", "Reed Capital", "+1 555 0230", "A", "weekly fri", "Wife Kate", "Fund manager, mid migration to us", "Tennis", "Weekly status on the account move", ""},
	{"Elena Vasquez", "Vasquez Group", "+1 555 0231", "A", "weekly fri", "Husband Jorge, kids in college", "COO", "Salsa", "Weekly status: trust set-up", "11-27"},
	{"Omar Farouk", "Farouk Textiles", "+1 555 0232", "B", "every mon,thu", "Brother is his partner", "Textile importer", "Football", "Twice-weekly during the audit", ""},
	{"Isabel Duarte", "Duarte Clinic", "+1 555 0233", "A", "daily", "Husband Rui", "Clinic director", "Swimming", "Daily check-in while the clinic sale closes", ""},
	{"Henry Walsh", "Walsh Manufacturing", "+1 555 0234", "A", "taper 1d 1d 3d 7d 14d", "Wife Fiona", "Owner, plant relocation", "Fly fishing", "Intensive care through the relocation", "02-02"},
	{"Quinn Harper", "", "+1 555 0240", "C", "every 2w", "", "Prospect, HR director", "", "Referral from Daniel; not yet a client", ""},
	{"Tariq Aziz", "Aziz Trading", "+1 555 0241", "B", "every 2w", "Wife Sana", "Trader", "Squash", "Prospect: wants a second opinion", ""},
	{"Ruth Goldberg", "", "+1 555 0242", "C", "every 3m", "Grandchildren nearby", "Retired professor", "Bridge club", "Prospect from the seminar", ""},
	{"Victor Ng", "Ng Restaurants", "+1 555 0243", "B", "every 90d", "Wife Mei, two sons", "Three restaurants", "Karaoke", "Hard to reach: try email", ""},
	{"Paula Steiner", "", "+1 555 0244", "C", "every 90d", "", "Referral prospect", "", "Never called back", ""},
}

// demoNotes are note shapes; {topic} and {aside} are filled from
// demoTopics.
var demoNotes = []string{
	"Good catch-up. {topic} Family is well; {aside}.",
	"Quick call, they were on the road. {topic}",
	"Long talk about the plan. {topic} Asked me to send the summary by email.",
	"{topic} Sounded relaxed; the busy season is over.",
	"Reviewed the numbers together. {topic} Happy with the direction.",
	"{topic} Mentioned a friend who might need advice; will introduce us.",
	"Short call between meetings. {topic}",
	"{topic} We agreed to revisit the allocation next quarter.",
}

var demoTopics = []string{
	"Talked about the kids' school year.",
	"The trip went well, lots of photos.",
	"Business is steady, hiring two people.",
	"Worried about rates, reassured.",
	"Just back from a conference in Chicago.",
	"House renovation is dragging on.",
	"Health is better after the surgery.",
	"Planning a big anniversary party.",
	"New contract signed last week.",
	"Considering a second property.",
}

var demoFollowUps = []string{
	"Ask how the trip went",
	"Send the retirement projection",
	"Ask about the new hire",
	"Check how the surgery recovery is going",
	"Ask about the anniversary party",
	"Send the article on college savings",
	"Follow up on the insurance quote",
	"Ask how the renovation is going",
	"Introduce to the estate lawyer",
	"Ask about the conference",
}

// buildDemoBook fills an empty book with the sample practice: a year of
// calls up to today, made by following the rotation with a human amount of
// slip, so some calls are overdue and a few people never pick up.
func buildDemoBook(ctx context.Context, s *store.Store, today rotation.Date) error {
	rng := rand.New(rand.NewPCG(2026, 11))
	start := today.AddDays(-365)
	cal := rotation.DefaultCalendar()
	for i, p := range demoPeople {
		rule := rotation.MustRule(p.rule)
		c := rotation.Contact{Name: p.name, Company: p.company, Tier: p.tier,
			Phones:   []rotation.Phone{{Number: p.phone, Label: "mobile"}},
			Email:    demoEmail(p.name),
			Schedule: rotation.Schedule{Rule: rule, Status: rotation.Active, Due: cal.OnOrAfter(start.AddDays(rng.IntN(30)))},
			Profile:  rotation.Profile{Family: p.family, Occupation: p.occupation, Recreation: p.recreation, Message: p.message},
		}
		if p.birthday != "" {
			c.Birthday = rotation.MustDate(fmt.Sprintf("%d-%s", 1960+i%30, p.birthday))
		}
		// The newer clients (intensive ones, prospects) joined recently.
		switch rule.Kind {
		case rotation.Daily, rotation.Taper:
			c.Due = cal.OnOrAfter(today.AddDays(-12 - rng.IntN(5)))
		case rotation.Weekdays:
			c.Due = cal.OnOrAfter(today.AddDays(-60))
		}
		added, err := s.AddContact(ctx, c, start)
		if err != nil {
			return err
		}
		// Most of the book is up to date; some contacts were let slide in
		// the last two weeks, and the hard-to-reach ones have been missed
		// three times in a row lately.
		stop := today
		if rule.Kind == rotation.Interval && rng.IntN(100) < 45 {
			stop = today.AddDays(-1 - rng.IntN(12))
		}
		hard := strings.Contains(p.message, "Hard to reach") || strings.Contains(p.message, "Never called back")
		if hard {
			stop = today.AddDays(-40)
		}
		if err := demoHistory(ctx, s, rng, added.ID, rule, added.Due, stop, false); err != nil {
			return fmt.Errorf("demo history of %s: %w", p.name, err)
		}
		if hard {
			if err := demoHistory(ctx, s, rng, added.ID, rule, cal.OnOrAfter(today.AddDays(-10)), today, true); err != nil {
				return fmt.Errorf("demo history of %s: %w", p.name, err)
			}
		}
	}
	return nil
}

// demoHistory logs a contact's calls from day until stop, following the
// dates the rotation gives; missing makes every call a miss.
func demoHistory(ctx context.Context, s *store.Store, rng *rand.Rand, id int64, rule rotation.Rule, day, stop rotation.Date, missing bool) error {
	for day < stop {
		o := rotation.Reached
		switch r := rng.IntN(100); {
		case missing:
			o = []rotation.Outcome{rotation.Voicemail, rotation.NoAnswer}[rng.IntN(2)]
		case r < 18:
			o = rotation.Voicemail
		case r < 26:
			o = rotation.NoAnswer
		}
		e := rotation.LogEntry{ContactID: id, Outcome: o, Kind: rotation.KindCall, Today: day,
			At: day.Time().Add(time.Duration(9*60+rng.IntN(8*60)) * time.Minute)}
		if o == rotation.Reached {
			topic := demoTopics[rng.IntN(len(demoTopics))]
			aside := demoTopics[rng.IntN(len(demoTopics))]
			aside = strings.ToLower(aside[:1]) + strings.TrimSuffix(aside[1:], ".")
			e.Note = strings.NewReplacer("{topic}", topic, "{aside}", aside).Replace(demoNotes[rng.IntN(len(demoNotes))])
			open, err := s.FollowUps(ctx, id, true)
			if err != nil {
				return err
			}
			for _, f := range open {
				if rng.IntN(3) > 0 {
					e.Resolve = append(e.Resolve, f.ID)
				}
			}
			if rng.IntN(3) == 0 {
				e.NewFollowUps = []string{demoFollowUps[rng.IntN(len(demoFollowUps))]}
			}
		} else if rng.IntN(3) == 0 {
			e.Note = "Left a message."
		}
		res, err := s.LogCall(ctx, e)
		if err != nil {
			return err
		}
		if res.Next.Due.IsZero() {
			return nil
		}
		// People slip: most calls happen on the day, some a few days late,
		// and a few weeks get away entirely.
		slip := 0
		switch r := rng.IntN(100); {
		case missing:
		case r < 10:
			slip = 1 + rng.IntN(4)
		case r < 13 && !missing && rule.Kind == rotation.Interval:
			slip = 7 + rng.IntN(14)
		}
		day = rotation.DefaultCalendar().OnOrAfter(res.Next.Due.AddDays(slip))
	}
	return nil
}

func demoEmail(name string) string {
	first, last, _ := strings.Cut(strings.ToLower(rotation.Fold(name)), " ")
	last = strings.NewReplacer("'", "", " ", "").Replace(last)
	return first + "." + last + "@example.com"
}
