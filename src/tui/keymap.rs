//! The keymap: one table that drives both the keys and the help overlay.
//!
//! Bindings belong to a [`Context`] (a pane or an overlay); a key is looked up in the current
//! context first and then in [`Context::Global`]. Users change bindings in `keys.toml` in the
//! config folder:
//!
//! ```toml
//! [global]
//! "ctrl-q" = "quit"
//! [content]
//! "R" = "toggle_raw"
//! "r" = "none"        # unbind
//! ```
//!
//! A bad entry is reported by context and key name and skipped; the rest still applies.

use super::action::Action;
use crate::i18n::{Msg, trf};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::fmt;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere unless the current context binds the key itself.
    Global,
    /// The documents pane.
    Documents,
    /// The section tree pane.
    Sections,
    /// The content pane.
    Content,
    /// An overlay (help, problems) is open.
    Overlay,
    /// The search overlay is open (letters type).
    Search,
    /// The quick-jump palette is open (letters type).
    Palette,
    /// Compare mode, in the section tree or the diff.
    Compare,
    /// The note input is open (letters type, Enter starts a new line).
    Note,
    /// The notes list is open.
    Notes,
    /// A key waits for its second one (a bookmark letter, a report format); nothing is bound.
    Pending,
    /// The across-regions views: the project matrix and indicators side by side.
    Across,
    /// One section of every region side by side.
    Regions,
}

impl Context {
    /// All contexts in help order.
    pub const ALL: &'static [Context] = &[
        Context::Global,
        Context::Documents,
        Context::Sections,
        Context::Content,
        Context::Overlay,
        Context::Search,
        Context::Palette,
        Context::Compare,
        Context::Note,
        Context::Notes,
        Context::Pending,
        Context::Across,
        Context::Regions,
    ];

    /// The table name in `keys.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Documents => "documents",
            Context::Sections => "sections",
            Context::Content => "content",
            Context::Overlay => "overlay",
            Context::Search => "search",
            Context::Palette => "palette",
            Context::Compare => "compare",
            Context::Note => "note",
            Context::Notes => "notes",
            Context::Pending => "pending",
            Context::Across => "across",
            Context::Regions => "regions",
        }
    }

    /// True for text-input contexts, where plain characters type (see [`Keymap::lookup_input`]).
    pub fn is_input(self) -> bool {
        matches!(self, Context::Search | Context::Palette | Context::Note | Context::Pending)
    }

    /// The heading in the help overlay.
    pub fn title(self) -> &'static str {
        use crate::i18n::{Msg, tr};
        tr(match self {
            Context::Global => Msg::CtxGlobal,
            Context::Documents => Msg::CtxDocuments,
            Context::Sections => Msg::CtxSections,
            Context::Content => Msg::CtxContent,
            Context::Overlay => Msg::CtxOverlay,
            Context::Search => Msg::CtxSearch,
            Context::Palette => Msg::CtxPalette,
            Context::Compare => Msg::CtxCompare,
            Context::Note => Msg::CtxNote,
            Context::Notes => Msg::CtxNotes,
            Context::Pending => Msg::CtxPending,
            Context::Across => Msg::CtxAcross,
            Context::Regions => Msg::CtxRegions,
        })
    }
}

/// A key with modifiers, normalised so that `G` and `shift-g` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift is folded into characters and BackTab).
    pub mods: KeyModifiers,
}

impl Key {
    /// Builds a normalised key.
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            }
            c => c,
        };
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code, mods }
    }

    /// A plain character key.
    pub fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// The key of a terminal key event (presses and repeats only).
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        matches!(ev.kind, KeyEventKind::Press | KeyEventKind::Repeat).then(|| Key::new(ev.code, ev.modifiers))
    }

    /// Parses `j`, `G`, `?`, `ctrl-d`, `alt-x`, `shift-tab`, `enter`, `pagedown`, `f1`, `space`...
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, n) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == n {
                break;
            }
            mods |= m;
            rest = &rest[n..];
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            f if f.len() > 1 && f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=24).contains(&n)) => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                let mut cs = rest.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                    _ => {
                        return Err(trf(Msg::KeyUnknown, &[&format!("{s:?}")]));
                    }
                }
            }
        };
        Ok(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The key.
    pub key: Key,
    /// What it does.
    pub action: Action,
    /// Shown on the status line when its context is current.
    pub hint: bool,
}

/// The keymap table.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// The default keys, kept as data beside the themes.
const DEFAULTS: &str = include_str!("../../themes/keys.default.toml");

impl Default for Keymap {
    fn default() -> Self {
        Keymap::parse_defaults(DEFAULTS).expect("themes/keys.default.toml is valid")
    }
}

impl Keymap {
    /// Reads a defaults table (`themes/keys.default.toml`): per context, `[key, action]` or
    /// `[key, action, "hint"]` in order. Any bad entry is an error naming it.
    pub fn parse_defaults(text: &str) -> Result<Keymap, String> {
        let table: toml::Table = text.parse().map_err(|e| format!("keys.default.toml: {e}"))?;
        let mut bindings = Vec::new();
        // Contexts in help order, whatever the file's order.
        for &context in Context::ALL {
            let Some(list) = table.get(context.name()) else { continue };
            let list =
                list.as_array().ok_or_else(|| format!("keys.default.toml: {} must be a list", context.name()))?;
            for entry in list {
                let parts: Vec<&str> = entry.as_array().into_iter().flatten().filter_map(|v| v.as_str()).collect();
                let place = format!("keys.default.toml: {} {entry}", context.name());
                let (k, a, hint) = match parts.as_slice() {
                    [k, a] => (*k, *a, false),
                    [k, a, "hint"] => (*k, *a, true),
                    _ => return Err(format!("{place}: expected [key, action] or [key, action, \"hint\"]")),
                };
                let key = Key::parse(k).map_err(|e| format!("{place}: {e}"))?;
                let action = Action::from_name(a).ok_or_else(|| format!("{place}: unknown action {a:?}"))?;
                bindings.push(Binding { context, key, action, hint });
            }
        }
        if let Some(unknown) = table.keys().find(|k| !Context::ALL.iter().any(|c| c.name() == k.as_str())) {
            return Err(format!("keys.default.toml: unknown context {unknown:?}"));
        }
        Ok(Keymap { bindings })
    }

    /// All bindings, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action for a key in a context (falling back to the global bindings).
    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        let find = |c: Context| self.bindings.iter().find(|b| b.context == c && b.key == key).map(|b| b.action);
        find(context).or_else(|| find(Context::Global))
    }

    /// The action for a key in a text-input context: plain characters only from the context's own
    /// table (so that `q` and `j` can be typed), other keys also from the global one.
    pub fn lookup_input(&self, context: Context, key: Key) -> Option<Action> {
        let plain = matches!(key.code, KeyCode::Char(_)) && (key.mods - KeyModifiers::SHIFT).is_empty();
        if plain {
            self.bindings.iter().find(|b| b.context == context && b.key == key).map(|b| b.action)
        } else {
            self.lookup(context, key)
        }
    }

    /// The keys bound to an action in a context, as shown to the user ("j/Down"). Bindings that
    /// only repeat a global one are left out, so help lists each binding once.
    pub fn keys_for(&self, context: Context, action: Action) -> String {
        let repeats_global = |b: &Binding| {
            b.context != Context::Global
                && self.bindings.iter().any(|g| g.context == Context::Global && g.key == b.key && g.action == b.action)
        };
        let ks: Vec<String> = self
            .bindings
            .iter()
            .filter(|b| b.context == context && b.action == action && !repeats_global(b))
            .map(|b| b.key.to_string())
            .collect();
        ks.join("/")
    }

    /// Binds (or rebinds) a key in a context; `None` unbinds it.
    pub fn bind(&mut self, context: Context, key: Key, action: Option<Action>) {
        let hint = self.bindings.iter().any(|b| b.context == context && b.key == key && b.hint);
        self.bindings.retain(|b| !(b.context == context && b.key == key));
        if let Some(action) = action {
            self.bindings.push(Binding { context, key, action, hint });
        }
    }

    /// The status-line hints for a context: (keys, label), context first, then the global ones.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for c in [context, Context::Global] {
            for b in self.bindings.iter().filter(|b| b.context == c && b.hint) {
                if out.iter().any(|(_, l)| *l == b.action.short()) {
                    continue;
                }
                // In a pane, a global key shadowed by the pane's own binding is not shown; over an
                // overlay only moving applies; a text input shows only its own keys (Enter is a new
                // line in the note input, not "open").
                if c == Context::Global
                    && (self.lookup(context, b.key) != Some(b.action)
                        || context.is_input()
                        || (context == Context::Overlay && !matches!(b.action, Action::Up | Action::Down)))
                {
                    continue;
                }
                out.push((b.key.to_string(), b.action.short()));
            }
        }
        out
    }

    /// Applies a user keymap file's text; returns one message per bad entry (the others apply).
    pub fn apply_toml(&mut self, file: &str, text: &str) -> Vec<String> {
        let table: toml::Table = match text.parse() {
            Ok(t) => t,
            Err(e) => return vec![trf(Msg::TomlInvalid, &[&file, &e.to_string().trim()])],
        };
        let mut problems = Vec::new();
        let valid_ctx = Context::ALL.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ");
        for (ctx_name, entries) in &table {
            let Some(&context) = Context::ALL.iter().find(|c| c.name() == ctx_name) else {
                problems.push(trf(Msg::KeysSectionUnknown, &[&file, ctx_name, &valid_ctx]));
                continue;
            };
            let Some(entries) = entries.as_table() else {
                problems.push(trf(Msg::KeysNotTable, &[&file, ctx_name]));
                continue;
            };
            for (key_name, value) in entries {
                let place = format!("{file}: [{ctx_name}] {key_name:?}");
                let key = match Key::parse(key_name) {
                    Ok(k) => k,
                    Err(e) => {
                        problems.push(format!("{place}: {e}"));
                        continue;
                    }
                };
                let Some(name) = value.as_str() else {
                    problems.push(trf(Msg::KeysActionString, &[&place]));
                    continue;
                };
                if name == "none" {
                    self.bind(context, key, None);
                } else if let Some(action) = Action::from_name(name) {
                    self.bind(context, key, Some(action));
                } else {
                    let valid: Vec<String> = Action::ALL.iter().map(|a| a.name()).collect();
                    problems.push(trf(Msg::KeysActionUnknown, &[&place, &format!("{name:?}"), &valid.join(", ")]));
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_normalise() {
        assert_eq!(Key::parse("G").unwrap(), Key::new(KeyCode::Char('g'), KeyModifiers::SHIFT));
        assert_eq!(Key::parse("shift-tab").unwrap(), Key::parse("backtab").unwrap());
        assert_eq!(Key::parse("ctrl-d").unwrap().to_string(), "Ctrl-d");
        assert_eq!(Key::parse("-").unwrap(), Key::char('-'));
        assert_eq!(Key::parse("f5").unwrap().code, KeyCode::F(5));
        assert_eq!(Key::parse("ctrl--").unwrap(), Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL));
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("frob").is_err());
    }

    #[test]
    fn context_bindings_shadow_global_ones() {
        let km = Keymap::default();
        assert_eq!(km.lookup(Context::Sections, Key::char(' ')), Some(Action::ToggleFold));
        assert_eq!(km.lookup(Context::Content, Key::char(' ')), Some(Action::PageDown));
        assert_eq!(km.lookup(Context::Documents, Key::char('j')), Some(Action::Down));
        assert_eq!(km.lookup(Context::Overlay, Key::char('q')), Some(Action::Close));
        assert_eq!(km.keys_for(Context::Global, Action::Down), "j/Down");
    }

    #[test]
    fn text_input_keeps_plain_characters() {
        let km = Keymap::default();
        assert_eq!(km.lookup_input(Context::Overlay, Key::char('j')), None);
        assert_eq!(km.lookup_input(Context::Overlay, Key::char('q')), Some(Action::Close));
        assert_eq!(km.lookup_input(Context::Overlay, Key::parse("ctrl-d").unwrap()), Some(Action::HalfPageDown));
        assert_eq!(km.lookup_input(Context::Overlay, Key::parse("esc").unwrap()), Some(Action::Close));
    }

    #[test]
    fn user_file_rebinds_and_reports_bad_entries_by_name() {
        let mut km = Keymap::default();
        let problems = km.apply_toml(
            "keys.toml",
            "[global]\n\"ctrl-q\" = \"quit\"\n\"q\" = \"none\"\n\"x\" = \"frob\"\n\"hyper-x\" = \"quit\"\n[nowhere]\na = \"up\"\n",
        );
        assert_eq!(km.lookup(Context::Content, Key::parse("ctrl-q").unwrap()), Some(Action::Quit));
        assert_eq!(km.lookup(Context::Content, Key::char('q')), None);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems.iter().any(|p| p.contains("[global] \"x\"") && p.contains("unknown action \"frob\"")));
        assert!(problems.iter().any(|p| p.contains("\"hyper-x\"") && p.contains("unknown key")));
        assert!(problems.iter().any(|p| p.contains("[nowhere]") && p.contains("valid: global, documents")));
    }

    /// A reviewer with a Russian interface reads what is wrong with their keys.toml in Russian.
    #[test]
    fn bad_entries_are_reported_in_the_interface_language() {
        use crate::i18n::{Lang, with_lang};
        let problems = with_lang(Lang::Ru, || {
            Keymap::default().apply_toml("keys.toml", "[global]\n\"x\" = \"frob\"\n\"hyper-x\" = \"quit\"\n[nowhere]\n")
        });
        assert!(problems.iter().any(|p| p.contains("[global] \"x\": неизвестное действие \"frob\"")), "{problems:#?}");
        assert!(problems.iter().any(|p| p.contains("неизвестная клавиша \"hyper-x\"")), "{problems:#?}");
        assert!(problems.iter().any(|p| p.contains("неизвестный раздел [nowhere]")), "{problems:#?}");
    }
}
