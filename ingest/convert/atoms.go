package convert

import "golang.org/x/net/html/atom"

// atomCounts counts the open elements by tag, as a map[atom.Atom]int32 would, with the
// lookups a few times cheaper: every start and end tag reads it several times. A page
// uses a few dozen tag names, which fit the open-addressed table; more go to the map.
type atomCounts struct {
	keys  [128]atom.Atom // 0 is a free slot: the unknown-tag atom 0 is never counted
	vals  [128]int32
	n     int
	spill map[atom.Atom]int32
}

func atomSlot(a atom.Atom) int { return int(uint32(a) * 0x9e3779b1 >> 25) }

// slot returns the index of a in the table, or -1 if a has no slot.
func (c *atomCounts) slot(a atom.Atom) int {
	for i := atomSlot(a); ; i = (i + 1) & 127 {
		switch c.keys[i] {
		case a:
			return i
		case 0:
			return -1
		}
	}
}

func (c *atomCounts) get(a atom.Atom) int32 {
	if a == 0 {
		return c.spill[0]
	}
	if i := c.slot(a); i >= 0 {
		return c.vals[i]
	}
	return c.spill[a]
}

func (c *atomCounts) add(a atom.Atom, d int32) {
	if a != 0 {
		if i := c.slot(a); i >= 0 {
			c.vals[i] += d
			return
		}
		if c.n < 96 {
			// Claim the first free slot on a's probe sequence, which slot will find.
			i := atomSlot(a)
			for c.keys[i] != 0 {
				i = (i + 1) & 127
			}
			c.keys[i], c.vals[i] = a, d
			c.n++
			return
		}
	}
	if c.spill == nil {
		c.spill = make(map[atom.Atom]int32)
	}
	c.spill[a] += d
}

func isBlockAtom(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body,
		atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir,
		atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2,
		atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup,
		atom.Html, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol,
		atom.P, atom.Pre, atom.Section, atom.Summary, atom.Ul,
		atom.Caption, atom.Legend, atom.Head:
		return true
	}
	return false
}

func isHeadingAtom(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Strong, atom.B, atom.Center:
		return true
	}
	return false
}

// isVoidAtom: these elements never have content or end tags.
func isVoidAtom(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr,
		atom.Img, atom.Input, atom.Link, atom.Meta, atom.Source,
		atom.Track, atom.Wbr, atom.Param, atom.Keygen:
		return true
	}
	return false
}
