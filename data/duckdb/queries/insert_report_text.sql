INSERT INTO report_texts VALUES (?, ?, ?, ?);
