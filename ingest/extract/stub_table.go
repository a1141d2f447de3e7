package extract

import "nianbao/data"

func extractTables(doc *data.Document, r *data.Report) {}
