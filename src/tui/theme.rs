//! Themes: named roles (borders, focus, selection, headings, diff, search...) mapped to styles.
//!
//! Themes are TOML files (`themes/*.toml`, compiled in; users add or override them by name in
//! `<config>/themes/`). A theme may set only some roles and `inherits` the rest (default `dark`).
//! Colours are names (`light-blue`), `#rrggbb` or 256-palette indexes; RGB and 256 colours fall back
//! to the nearest colour the terminal can show ([`ColorDepth`]). Meaning never depends on colour
//! alone: the views add markers and modifiers, and without colour a role with a background is
//! drawn reversed.

use crate::i18n::{Msg, tr, trf};
use ratatui::style::{Color, Modifier, Style};
use std::path::{Path, PathBuf};

macro_rules! roles {
    ($($(#[$m:meta])* $v:ident = $n:literal,)*) => {
        /// A themable role.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Role { $($(#[$m])* $v,)* }
        impl Role {
            /// Every role, in file order.
            pub const ALL: &'static [Role] = &[$(Role::$v,)*];
            /// The key used in theme files.
            pub fn name(self) -> &'static str { match self { $(Role::$v => $n,)* } }
        }
    };
}

roles! {
    /// Pane borders.
    Border = "border",
    /// The focused pane's border.
    BorderFocus = "border_focus",
    /// Pane titles.
    Title = "title",
    /// The focused pane's title.
    TitleFocus = "title_focus",
    /// Body text.
    Text = "text",
    /// Secondary text: keys, dates, counts.
    Muted = "muted",
    /// Section headings in the content.
    Heading = "heading",
    /// Canonical section keys.
    Key = "key",
    /// Region names in the document list.
    Region = "region",
    /// The selected row of the focused pane.
    Selection = "selection",
    /// The selected row of other panes.
    SelectionInactive = "selection_inactive",
    /// The status line.
    Status = "status",
    /// Key names on the status line and in help.
    StatusKey = "status_key",
    /// Warnings (quality, keymap problems).
    Warning = "warning",
    /// Errors (files that did not open).
    Error = "error",
    /// Table headers.
    TableHeader = "table_header",
    /// Good quality grades (A, B).
    GradeGood = "grade_good",
    /// Poor quality grades (C, D).
    GradeBad = "grade_bad",
    /// Overlays (help, problems).
    Overlay = "overlay",
    /// Added text in diffs.
    DiffAdded = "diff_added",
    /// Removed text in diffs.
    DiffRemoved = "diff_removed",
    /// Emphasised (changed words) added text.
    DiffAddedEmph = "diff_added_emph",
    /// Emphasised (changed words) removed text.
    DiffRemovedEmph = "diff_removed_emph",
    /// Moved text in diffs.
    DiffMoved = "diff_moved",
    /// Search matches.
    SearchMatch = "search_match",
    /// Text most regions share (the federal template's wording), dimmed.
    Boilerplate = "boilerplate",
    /// A region's own text among shared text, emphasised.
    Specific = "specific",
}

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColorDepth {
    /// No colour at all (NO_COLOR, `--color never`, TERM=dumb): modifiers only.
    None,
    /// The 16 ANSI colours.
    Ansi16,
    /// The xterm 256-colour palette.
    Ansi256,
    /// 24-bit colour.
    TrueColor,
}

/// The `--color` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Detect from NO_COLOR, COLORTERM and TERM.
    #[default]
    Auto,
    /// Colour even when NO_COLOR is set (depth still detected, at least 16 colours).
    Always,
    /// No colour.
    Never,
}

impl ColorDepth {
    /// Detects the depth from environment values (`NO_COLOR`, `COLORTERM`, `TERM`) and the choice.
    /// SSH forwards TERM but not COLORTERM, so truecolour is assumed only when one of them says so.
    pub fn detect(choice: ColorChoice, no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> Self {
        if choice == ColorChoice::Never {
            return ColorDepth::None;
        }
        if choice == ColorChoice::Auto && no_color.is_some_and(|v| !v.is_empty()) {
            return ColorDepth::None;
        }
        let term = term.unwrap_or("");
        let ct = colorterm.unwrap_or("").to_ascii_lowercase();
        let depth = if ct == "truecolor" || ct == "24bit" || term.ends_with("direct") || term.ends_with("truecolor") {
            ColorDepth::TrueColor
        } else if term.contains("256") {
            ColorDepth::Ansi256
        } else if term == "dumb" || term.is_empty() {
            ColorDepth::None
        } else {
            ColorDepth::Ansi16
        };
        if choice == ColorChoice::Always { depth.max(ColorDepth::Ansi16) } else { depth }
    }

    /// Detects from the process environment.
    pub fn from_env(choice: ColorChoice) -> Self {
        let var = |k| std::env::var(k).ok();
        Self::detect(choice, var("NO_COLOR").as_deref(), var("COLORTERM").as_deref(), var("TERM").as_deref())
    }
}

/// A resolved theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Theme name (file stem or built-in name).
    pub name: String,
    styles: Vec<Style>,
}

/// The built-in themes: (name, TOML text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("high-contrast", include_str!("../../themes/high-contrast.toml")),
    ("ansi16", include_str!("../../themes/ansi16.toml")),
];

impl Default for Theme {
    fn default() -> Self {
        Theme::builtin("dark").expect("the built-in dark theme is valid")
    }
}

impl Theme {
    /// The style of a role.
    pub fn style(&self, role: Role) -> Style {
        self.styles[role as usize]
    }

    /// A theme with every role unstyled (the base of inheritance chains).
    fn empty(name: &str) -> Theme {
        Theme { name: name.into(), styles: vec![Style::default(); Role::ALL.len()] }
    }

    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Result<Theme, String> {
        let (n, text) =
            BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| format!("no built-in theme {name:?}"))?;
        Theme::parse(&format!("themes/{n}.toml"), n, text, &|_| None, *n == "dark")
    }

    /// Names of the built-in themes.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _)| *n).collect()
    }

    /// Parses a theme file. `file` names it in errors; `lookup` finds inherited themes by name
    /// (user themes first), falling back to the built-ins.
    pub fn from_toml(
        file: &str,
        name: &str,
        text: &str,
        lookup: &dyn Fn(&str) -> Option<Theme>,
    ) -> Result<Theme, String> {
        Theme::parse(file, name, text, lookup, false)
    }

    /// Parses a theme; `root` marks the built-in dark theme, the only one that starts from nothing.
    fn parse(
        file: &str,
        name: &str,
        text: &str,
        lookup: &dyn Fn(&str) -> Option<Theme>,
        root: bool,
    ) -> Result<Theme, String> {
        let table: toml::Table =
            text.parse().map_err(|e: toml::de::Error| trf(Msg::TomlInvalid, &[&file, &e.to_string().trim()]))?;
        let mut theme = match table.get("inherits") {
            None if root => Theme::empty(name),
            None => Theme::default(),
            Some(toml::Value::String(parent)) if parent != name => {
                lookup(parent).map(Ok).unwrap_or_else(|| Theme::builtin(parent)).map_err(|_| {
                    trf(Msg::ThemeParentUnknown, &[&file, &format!("{parent:?}"), &Theme::builtin_names().join(", ")])
                })?
            }
            Some(_) => return Err(trf(Msg::ThemeParentSelf, &[&file])),
        };
        theme.name = name.to_string();
        for (k, v) in &table {
            match k.as_str() {
                "inherits" | "name" | "description" => {}
                "roles" => {
                    let roles = v.as_table().ok_or_else(|| trf(Msg::ThemeRolesTable, &[&file]))?;
                    for (rk, rv) in roles {
                        let role = Role::ALL.iter().copied().find(|r| r.name() == rk).ok_or_else(|| {
                            let valid: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
                            trf(Msg::ThemeRoleUnknown, &[&file, rk, &valid.join(", ")])
                        })?;
                        theme.styles[role as usize] = parse_style(rv).map_err(|e| format!("{file}: roles.{rk}{e}"))?;
                    }
                }
                other => {
                    return Err(trf(Msg::ThemeKeyUnknown, &[&file, &other]));
                }
            }
        }
        Ok(theme)
    }

    /// Resolves `--theme NAME|PATH`: a path to a file, else `<config>/themes/NAME.toml`, else a
    /// built-in theme.
    pub fn resolve(spec: &str, config_dir: Option<&Path>) -> Result<Theme, String> {
        let user_file =
            |n: &str| config_dir.map(|d| d.join("themes").join(format!("{n}.toml"))).filter(|p| p.is_file());
        let path = Path::new(spec);
        let file: Option<PathBuf> = if spec.ends_with(".toml") || spec.contains(std::path::MAIN_SEPARATOR) {
            Some(path.to_path_buf())
        } else {
            user_file(spec)
        };
        let lookup = |n: &str| -> Option<Theme> {
            let p = user_file(n)?;
            let text = std::fs::read_to_string(&p).ok()?;
            Theme::from_toml(&p.display().to_string(), n, &text, &|_| None).ok()
        };
        match file {
            Some(p) => {
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| trf(Msg::ThemeCannotRead, &[&p.display(), &crate::i18n::os_error(&e)]))?;
                let name = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| spec.into());
                Theme::from_toml(&p.display().to_string(), &name, &text, &lookup)
            }
            None => Theme::builtin(spec)
                .map_err(|_| trf(Msg::ThemeUnknown, &[&format!("{spec:?}"), &Theme::builtin_names().join(", ")])),
        }
    }

    /// The theme as the terminal can show it: colours reduced to `depth`; without colour, roles
    /// that had a background are reversed so selection stays visible.
    pub fn adapt(&self, depth: ColorDepth) -> Theme {
        let styles = self
            .styles
            .iter()
            .map(|s| {
                let mut s = *s;
                if depth == ColorDepth::None {
                    if s.bg.is_some_and(|c| c != Color::Reset) {
                        s = s.add_modifier(Modifier::REVERSED);
                    }
                    s.fg = None;
                    s.bg = None;
                    s.underline_color = None;
                } else {
                    s.fg = s.fg.map(|c| reduce(c, depth));
                    s.bg = s.bg.map(|c| reduce(c, depth));
                }
                s
            })
            .collect();
        Theme { name: self.name.clone(), styles }
    }
}

fn parse_style(v: &toml::Value) -> Result<Style, String> {
    match v {
        toml::Value::String(_) | toml::Value::Integer(_) => {
            Ok(Style::default().fg(parse_color(v).map_err(|e| format!(": {e}"))?))
        }
        toml::Value::Table(t) => {
            let mut s = Style::default();
            for (k, v) in t {
                let flag = |m: Modifier, s: Style| match v.as_bool() {
                    Some(true) => Ok(s.add_modifier(m)),
                    Some(false) => Ok(s.remove_modifier(m)),
                    None => Err(trf(Msg::StyleFlag, &[k])),
                };
                s = match k.as_str() {
                    "fg" => s.fg(parse_color(v).map_err(|e| format!(".fg: {e}"))?),
                    "bg" => s.bg(parse_color(v).map_err(|e| format!(".bg: {e}"))?),
                    "bold" => flag(Modifier::BOLD, s)?,
                    "dim" => flag(Modifier::DIM, s)?,
                    "italic" => flag(Modifier::ITALIC, s)?,
                    "underline" | "underlined" => flag(Modifier::UNDERLINED, s)?,
                    "reversed" => flag(Modifier::REVERSED, s)?,
                    "crossed_out" => flag(Modifier::CROSSED_OUT, s)?,
                    other => {
                        return Err(trf(Msg::StyleKeyUnknown, &[&other]));
                    }
                };
            }
            Ok(s)
        }
        _ => Err(tr(Msg::StyleShape).into()),
    }
}

const NAMES: &[(&str, Color)] = &[
    ("default", Color::Reset),
    ("reset", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

/// Parses a colour: a name, `#rrggbb`, or a 256-palette index (integer or digits).
pub fn parse_color(v: &toml::Value) -> Result<Color, String> {
    let valid = || {
        let names: Vec<&str> = NAMES.iter().map(|(n, _)| *n).collect();
        trf(Msg::ColourValid, &[&names.join(", ")])
    };
    match v {
        toml::Value::Integer(n) => {
            u8::try_from(*n).map(Color::Indexed).map_err(|_| trf(Msg::NotAColourValue, &[n, &valid()]))
        }
        toml::Value::String(s) => {
            let t = s.trim().to_ascii_lowercase().replace(['_', ' '], "-").replace("grey", "gray");
            if let Some((_, c)) = NAMES.iter().find(|(n, _)| *n == t) {
                return Ok(*c);
            }
            if let Ok(n) = t.parse::<u8>() {
                return Ok(Color::Indexed(n));
            }
            if let Some(hex) = t.strip_prefix('#')
                && hex.len() == 6
                && hex.chars().all(|c| c.is_ascii_hexdigit())
            {
                let b = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("0"), 16).unwrap_or(0);
                return Ok(Color::Rgb(b(0), b(2), b(4)));
            }
            Err(trf(Msg::NotAColourValue, &[&format!("{s:?}"), &valid()]))
        }
        _ => Err(trf(Msg::NotAColour, &[&valid()])),
    }
}

/// RGB of the 16 ANSI colours (xterm defaults), in index order.
const ANSI16: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// The 16 basic colours in SGR order (30-37, then the bright 90-97).
pub(crate) const ANSI16_COLORS: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// RGB value of a 256-palette index.
fn indexed_rgb(n: u8) -> (u8, u8, u8) {
    match n {
        0..=15 => ANSI16[n as usize],
        16..=231 => {
            let i = n - 16;
            let lvl = |x: u8| if x == 0 { 0 } else { 55 + 40 * x };
            (lvl(i / 36), lvl((i / 6) % 6), lvl(i % 6))
        }
        _ => {
            let g = 8 + 10 * (n - 232);
            (g, g, g)
        }
    }
}

fn dist(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (x as i32 - y as i32).pow(2) as u32;
    // Weighted for perceived brightness.
    2 * d(a.0, b.0) + 4 * d(a.1, b.1) + 3 * d(a.2, b.2)
}

/// The nearest colour that `depth` can show.
pub fn reduce(c: Color, depth: ColorDepth) -> Color {
    let rgb = match c {
        Color::Rgb(r, g, b) if depth < ColorDepth::TrueColor => (r, g, b),
        Color::Indexed(n) if n >= 16 && depth < ColorDepth::Ansi256 => indexed_rgb(n),
        Color::Indexed(n) if n < 16 => return ANSI16_COLORS[n as usize],
        c => return c,
    };
    if depth == ColorDepth::Ansi256 {
        let best = (16..=255u8).min_by_key(|&n| dist(indexed_rgb(n), rgb)).unwrap_or(16);
        Color::Indexed(best)
    } else {
        let best = (0..16).min_by_key(|&n| dist(ANSI16[n], rgb)).unwrap_or(0);
        ANSI16_COLORS[best]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_are_valid_and_complete() {
        for name in Theme::builtin_names() {
            let t = Theme::builtin(name).unwrap();
            for &r in [Role::Selection, Role::BorderFocus, Role::Heading].iter() {
                assert_ne!(t.style(r), Style::default(), "{name}: {}", r.name());
            }
        }
        let t16 = Theme::builtin("ansi16").unwrap();
        assert_eq!(t16.adapt(ColorDepth::Ansi16), t16, "the 16-colour theme uses 16 colours only");
    }

    #[test]
    fn partial_themes_inherit() {
        let t =
            Theme::from_toml("my.toml", "my", "[roles]\nselection = { fg = \"#ff0000\", bold = true }\n", &|_| None)
                .unwrap();
        let dark = Theme::default();
        assert_eq!(t.style(Role::Selection), Style::default().fg(Color::Rgb(255, 0, 0)).add_modifier(Modifier::BOLD));
        assert_eq!(t.style(Role::Border), dark.style(Role::Border));
        let l = Theme::from_toml("l.toml", "l", "inherits = \"light\"\n", &|_| None).unwrap();
        assert_eq!(l.style(Role::Text), Theme::builtin("light").unwrap().style(Role::Text));
    }

    #[test]
    fn bad_theme_names_file_key_and_valid_values() {
        let e = Theme::from_toml("t.toml", "t", "[roles]\nselection = { fg = \"#12\" }\n", &|_| None).unwrap_err();
        assert!(e.starts_with("t.toml: roles.selection.fg: \"#12\" is not a colour (valid: default"), "{e}");
        let e = Theme::from_toml("t.toml", "t", "[roles]\nselektion = \"red\"\n", &|_| None).unwrap_err();
        assert!(e.contains("roles.selektion: unknown role (valid: border,"), "{e}");
        let e = Theme::from_toml("t.toml", "t", "[roles]\nheading = { blink = true }\n", &|_| None).unwrap_err();
        assert!(e.contains("roles.heading.blink: unknown style key"), "{e}");
        assert!(Theme::from_toml("t.toml", "t", "[roles]\nheading = 300\n", &|_| None).is_err());
        assert!(Theme::resolve("nonexistent", None).unwrap_err().contains("valid: dark, light"));
    }

    #[test]
    fn bad_themes_are_reported_in_the_interface_language() {
        use crate::i18n::{Lang, with_lang};
        with_lang(Lang::Ru, || {
            let e = Theme::from_toml("t.toml", "t", "[roles]\nselection = { fg = \"#12\" }\n", &|_| None).unwrap_err();
            assert!(e.starts_with("t.toml: roles.selection.fg: \"#12\" — не цвет (есть: default"), "{e}");
            let e = Theme::from_toml("t.toml", "t", "[roles]\nheading = { blink = true }\n", &|_| None).unwrap_err();
            assert!(e.contains("roles.heading.blink: неизвестный ключ стиля"), "{e}");
            assert!(Theme::resolve("nonexistent", None).unwrap_err().starts_with("--theme: неизвестная тема"));
        });
    }

    #[test]
    fn user_themes_override_by_name_and_inherit_from_user_themes() {
        let dir = tempfile::tempdir().unwrap();
        let themes = dir.path().join("themes");
        std::fs::create_dir(&themes).unwrap();
        std::fs::write(themes.join("dark.toml"), "[roles]\nheading = \"light-red\"\n").unwrap();
        std::fs::write(themes.join("mine.toml"), "inherits = \"dark\"\n[roles]\nmuted = 245\n").unwrap();
        let dark = Theme::resolve("dark", Some(dir.path())).unwrap();
        assert_eq!(dark.style(Role::Heading), Style::default().fg(Color::LightRed));
        assert_eq!(
            dark.style(Role::Border),
            Theme::default().style(Role::Border),
            "unset roles come from the built-in"
        );
        let mine = Theme::resolve("mine", Some(dir.path())).unwrap();
        assert_eq!(mine.style(Role::Muted).fg, Some(Color::Indexed(245)));
        assert_eq!(mine.style(Role::Heading).fg, Some(Color::LightRed), "inherits the user's dark");
        let by_path = Theme::resolve(&themes.join("mine.toml").display().to_string(), None).unwrap();
        assert_eq!(by_path.name, "mine");
        assert_eq!(Theme::resolve("light", Some(dir.path())).unwrap(), Theme::builtin("light").unwrap());
    }

    #[test]
    fn colours_fall_back_to_what_the_terminal_shows() {
        assert_eq!(reduce(Color::Rgb(255, 0, 0), ColorDepth::Ansi256), Color::Indexed(196));
        assert_eq!(reduce(Color::Rgb(250, 5, 5), ColorDepth::Ansi16), Color::LightRed);
        assert_eq!(reduce(Color::Indexed(236), ColorDepth::Ansi16), Color::Black);
        assert_eq!(reduce(Color::Rgb(1, 2, 3), ColorDepth::TrueColor), Color::Rgb(1, 2, 3));
        let none = Theme::default().adapt(ColorDepth::None);
        assert!(none.style(Role::Selection).add_modifier.contains(Modifier::REVERSED));
        assert_eq!(none.style(Role::Selection).fg, None);
    }

    #[test]
    fn depth_detection() {
        use ColorChoice::*;
        assert_eq!(ColorDepth::detect(Auto, None, Some("truecolor"), Some("xterm-256color")), ColorDepth::TrueColor);
        assert_eq!(ColorDepth::detect(Auto, None, None, Some("xterm-256color")), ColorDepth::Ansi256);
        assert_eq!(ColorDepth::detect(Auto, None, None, Some("xterm")), ColorDepth::Ansi16);
        assert_eq!(ColorDepth::detect(Auto, Some("1"), Some("truecolor"), Some("xterm")), ColorDepth::None);
        assert_eq!(ColorDepth::detect(Always, Some("1"), None, Some("xterm-256color")), ColorDepth::Ansi256);
        assert_eq!(ColorDepth::detect(Never, None, Some("truecolor"), None), ColorDepth::None);
        assert_eq!(ColorDepth::detect(Auto, None, None, Some("xterm-direct")), ColorDepth::TrueColor);
    }
}
