//! Query parsing: fzf's extended syntax with smart case.
//!
//! - space separates terms that must all match (AND); a lone `|` between terms makes them
//!   alternatives (OR), e.g. `школ | образован`;
//! - `'word` matches the exact substring (never fuzzy, never OCR-tolerant);
//! - `^word` matches at the start of the field, `word$` at its end, `^word$` the whole field;
//! - `!word` excludes fields containing `word` (also `!^word`, `!word$`);
//! - `\ ` is a literal space inside a term;
//! - smart case: a term with an upper-case letter is case-sensitive, otherwise case is ignored
//!   for Cyrillic and Latin alike; ё and е are always the same letter.

use super::index::fold_same_layout;
use super::stem;

/// How a term is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Plain term: word or substring match, fuzzy on titles, skeleton match on text in OCR mode.
    Fuzzy,
    /// `'term`: exact substring only.
    Exact,
    /// `^term`: the field starts with the term.
    Prefix,
    /// `term$`: the field ends with the term.
    Suffix,
    /// `^term$`: the field is the term.
    Equal,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as typed, operators removed and escapes resolved.
    pub text: String,
    /// The term folded (lower case, ё→е): what is searched in the folded index.
    pub folded: String,
    /// Smart case: true when the term has an upper-case letter and so must match case exactly.
    pub cased: bool,
    /// How the term is matched.
    pub kind: TermKind,
    /// `!term`: the field must not contain the term.
    pub negated: bool,
    /// The folded term's Snowball stem (a prefix of `folded`): a plain word matches every word that
    /// starts with it. Equal to `folded` for operators and for terms that are not words.
    pub stem: String,
    /// True for a plain Russian stop word («и», «для», «в»…): it need not match.
    pub stopword: bool,
}

/// A parsed query: every group must match, and a group matches when any of its terms does.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// AND of OR-groups.
    pub groups: Vec<Vec<Term>>,
}

impl Term {
    fn parse(token: &str) -> Option<Term> {
        let mut s = token;
        let mut negated = false;
        let mut kind = TermKind::Fuzzy;
        if let Some(r) = s.strip_prefix('!') {
            negated = true;
            kind = TermKind::Exact;
            s = r;
        }
        if let Some(r) = s.strip_prefix('\'') {
            kind = TermKind::Exact;
            s = r;
        } else if let Some(r) = s.strip_prefix('^') {
            kind = TermKind::Prefix;
            s = r;
        }
        if s.len() > 1 && s.ends_with('$') && !s.ends_with("\\$") {
            s = &s[..s.len() - 1];
            kind = if kind == TermKind::Prefix { TermKind::Equal } else { TermKind::Suffix };
        }
        let text = s.replace("\\$", "$");
        if text.is_empty() {
            return None;
        }
        Some(Term::new(text, kind, negated))
    }

    /// A term from its text (operators already removed).
    pub fn new(text: String, kind: TermKind, negated: bool) -> Term {
        let folded = fold_same_layout(&text);
        let plain = kind == TermKind::Fuzzy && !negated;
        let stem = if plain { stem::stem(&folded) } else { folded.clone() };
        let stopword = plain && crate::text::fold::is_stopword(&folded);
        Term { cased: text.chars().any(char::is_uppercase), text, folded, kind, negated, stem, stopword }
    }

    /// True when every field this term matches is also matched by `prev` (so results can be narrowed).
    fn narrows(&self, prev: &Term) -> bool {
        if self.negated || prev.negated {
            return self == prev;
        }
        let cased_ok = self.cased || !prev.cased;
        let (mine, theirs) = if prev.cased { (&self.text, &prev.text) } else { (&self.folded, &prev.folded) };
        let text_ok = match self.kind {
            TermKind::Suffix | TermKind::Equal => mine == theirs,
            _ => mine.starts_with(theirs.as_str()),
        };
        let kind_ok = self.kind == prev.kind
            || (prev.kind == TermKind::Exact && self.kind != TermKind::Fuzzy)
            || (prev.kind == TermKind::Fuzzy && self.kind != TermKind::Fuzzy);
        // A longer word can have a shorter stem («новость» → «нов»), and so match more.
        let stem_ok = self.stem.starts_with(prev.stem.as_str()) && self.stopword == prev.stopword;
        cased_ok && text_ok && kind_ok && stem_ok && (self.kind != TermKind::Equal || prev.kind == TermKind::Equal)
    }
}

impl std::fmt::Display for Query {
    /// The query in its own syntax.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, g) in self.groups.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            for (j, t) in g.iter().enumerate() {
                if j > 0 {
                    f.write_str(" | ")?;
                }
                let neg = if t.negated { "!" } else { "" };
                let op = match t.kind {
                    TermKind::Exact if !t.negated => "'",
                    TermKind::Prefix | TermKind::Equal => "^",
                    _ => "",
                };
                let end = if matches!(t.kind, TermKind::Suffix | TermKind::Equal) { "$" } else { "" };
                write!(f, "{neg}{op}{}{end}", t.text.replace(' ', "\\ ").replace('$', "\\$"))?;
            }
        }
        Ok(())
    }
}

impl Query {
    /// Parses a query string in fzf's extended syntax.
    pub fn parse(input: &str) -> Query {
        let mut tokens: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut chars = input.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.peek() == Some(&' ') => {
                    cur.push(' ');
                    chars.next();
                }
                c if c.is_whitespace() => {
                    if !cur.is_empty() {
                        tokens.push(std::mem::take(&mut cur));
                    }
                }
                c => cur.push(c),
            }
        }
        if !cur.is_empty() {
            tokens.push(cur);
        }
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut join = false;
        for t in tokens {
            if t == "|" {
                join = !groups.is_empty();
                continue;
            }
            let Some(term) = Term::parse(&t) else { continue };
            match groups.last_mut() {
                Some(g) if join => g.push(term),
                _ => groups.push(vec![term]),
            }
            join = false;
        }
        Query { groups }
    }

    /// The query with each positive term's text read another way (`read`), operators kept; `None`
    /// when no term changes.
    pub fn reread(&self, read: impl Fn(&str) -> String) -> Option<Query> {
        let mut changed = false;
        let groups = self
            .groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|t| {
                        let text = if t.negated { t.text.clone() } else { read(&t.text) };
                        changed |= text != t.text;
                        Term::new(text, t.kind, t.negated)
                    })
                    .collect()
            })
            .collect();
        changed.then_some(Query { groups })
    }

    /// True when the query has no terms.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The positive plain or exact terms of single-term groups, in order: the words of the phrase
    /// that ranks highest when it appears as typed.
    pub fn phrase(&self) -> Vec<&Term> {
        self.groups
            .iter()
            .filter(|g| g.len() == 1 && !g[0].negated && matches!(g[0].kind, TermKind::Fuzzy | TermKind::Exact))
            .map(|g| &g[0])
            .collect()
    }

    /// True when every item matching `self` also matches `prev`, e.g. when `self` was typed by
    /// extending `prev`; a search can then look only at `prev`'s matches.
    pub fn narrows(&self, prev: &Query) -> bool {
        prev.groups.len() <= self.groups.len()
            && prev.groups.iter().zip(&self.groups).all(|(p, s)| {
                // Every alternative of the new group must narrow some alternative of the old one.
                s.iter().all(|st| p.iter().any(|pt| st.narrows(pt)))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_operators_and_smart_case() {
        let q = Query::parse("'ЕГИСЗ ^здрав связи$ !школ цифр | данн a\\ b");
        let kinds: Vec<_> = q.groups.iter().map(|g| (g[0].kind, g[0].negated, g.len())).collect();
        assert_eq!(
            kinds,
            vec![
                (TermKind::Exact, false, 1),
                (TermKind::Prefix, false, 1),
                (TermKind::Suffix, false, 1),
                (TermKind::Exact, true, 1),
                (TermKind::Fuzzy, false, 2),
                (TermKind::Fuzzy, false, 1),
            ]
        );
        assert!(q.groups[0][0].cased && q.groups[0][0].folded == "егисз");
        assert!(!q.groups[1][0].cased);
        assert_eq!(q.groups[5][0].text, "a b");
        assert_eq!(Query::parse("^всё$").groups[0][0].kind, TermKind::Equal);
        assert_eq!(Query::parse("^всё$").groups[0][0].folded, "все");
        assert!(Query::parse("  ! ' ^ ").is_empty());
        for q in ["'ЕГИСЗ ^здрав связи$ !школ цифр | данн a\\ b", "!^а ^б$"] {
            assert_eq!(Query::parse(&Query::parse(q).to_string()), Query::parse(q), "{q}");
        }
        let re = Query::parse("tubcp !rfr").reread(crate::text::translit::swap_layout).unwrap();
        assert_eq!(re.to_string(), "егисз !rfr");
        assert!(Query::parse("123").reread(crate::text::translit::swap_layout).is_none());
    }

    #[test]
    fn narrowing_is_conservative() {
        let p = |s| Query::parse(s);
        assert!(p("цифр").narrows(&p("циф")));
        assert!(p("цифр проф").narrows(&p("цифр")));
        assert!(p("Цифр").narrows(&p("цифр")));
        assert!(!p("цифр").narrows(&p("Цифр")));
        assert!(!p("!школа").narrows(&p("!школ")));
        assert!(!p("связи$").narrows(&p("связ$")));
        assert!(!p("циф").narrows(&p("цифр")));
        assert!(!p("а | б").narrows(&p("а")));
    }
}
