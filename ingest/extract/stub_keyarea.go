package extract

import "nianbao/data"

func extractKeyAreas(doc *data.Document, r *data.Report) {}
