// Package interchange reads and writes the files a rotate book is moved
// in and out with: vCard 2.1, 3.0 and 4.0, CSV from Google Contacts,
// Outlook or a plain spreadsheet, the JSON export, and an iCalendar feed
// of the upcoming calls.
//
// It is pure: readers and writers in, rotation types out. Nothing here
// opens a file or a database, so the formats are tested on their own.
package interchange
