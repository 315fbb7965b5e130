package search

import "fmt"

// verify checks, in an index read from a file, the postings that running
// p reads, before it reads them: in every shard and field a word is
// looked for in, the articles of each term the word matches (but those of
// a prefix answered from its counts), and, for a phrase, their positions
// too. Each block of the postings is checked once (see flat.Checked), so
// a search costs the checksums of what it reads the first time, a bit
// test a block after that; opening the file costs none. An index built in
// memory has nothing to check.
func (ix *index) verify(p *plan) error {
	if len(ix.shards) == 0 || ix.shards[0].body.docsCheck == nil {
		return nil
	}
	if err := ix.verifyGroup(&p.root); err != nil {
		if ix.damaged != nil {
			ix.damaged()
		}
		return fmt.Errorf("%w: postings: %w", errIndex, err)
	}
	return nil
}

// verifyGroup checks the postings of g's words, and of its groups'.
func (ix *index) verifyGroup(g *groupPlan) error {
	for _, c := range g.clauses {
		for i := range c.alts {
			ap := &c.alts[i]
			switch {
			case ap.sub != nil:
				if err := ix.verifyGroup(ap.sub); err != nil {
					return err
				}
			case ap.mark != nil || ap.meta != nil || ap.dates != nil:
			default:
				for _, sh := range ix.shards {
					if !ap.title {
						if err := sh.verifyWords(&sh.body, true, ap.words); err != nil {
							return err
						}
					}
					if err := sh.verifyWords(&sh.title, false, ap.words); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// verifyWords checks the postings of field f (the bodies when body is
// set) that the evaluator reads for words: a word alone (evaluator.word)
// or a phrase (evaluator.phrase, whose words match themselves and, the
// last typed, the terms they start).
func (sh *shard) verifyWords(f *fieldIndex, body bool, words []wordPlan) error {
	phrase := len(words) > 1
	for i := range words {
		wp := &words[i]
		if wp.exact >= 0 {
			if err := f.verify(wp.exact, wp.exact+1, phrase); err != nil {
				return err
			}
		}
		if wp.prefix && wp.lo < wp.hi {
			if err := sh.verifyPrefix(f, body, phrase, wp); err != nil {
				return err
			}
		}
		if phrase {
			continue
		}
		for _, x := range wp.forms {
			if err := f.verify(x.term, x.term+1, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// verifyPrefix checks what the evaluator reads of the terms a word
// starts: their counts, for a heavy prefix (but in a phrase), else their
// postings.
func (sh *shard) verifyPrefix(f *fieldIndex, body, phrase bool, wp *wordPlan) error {
	pc := sh.prefixes[wp.word]
	c := pc.field(body)
	if phrase || c == nil {
		return f.verify(wp.lo, wp.hi, phrase)
	}
	k := 1
	if body {
		k = 0
	}
	if check := sh.prefixCheck[k]; check != nil {
		return check.Check(pc.at[k], pc.at[k]+uint64(len(c)))
	}
	return nil
}

// verify checks the postings of the terms [lo, hi), with their positions
// when positions is set.
func (f *fieldIndex) verify(lo, hi int32, positions bool) error {
	if f.docsCheck == nil {
		return nil
	}
	if err := f.docsCheck.Check(f.docOff[lo], f.docOff[hi]); err != nil {
		return err
	}
	if positions {
		return f.posCheck.Check(f.posOff[lo], f.posOff[hi])
	}
	return nil
}
