package extract

import "nianbao/data"

func extractProse(doc *data.Document, r *data.Report) {}
