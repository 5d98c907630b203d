//! The notes database: SQLite in WAL mode with a busy timeout and versioned schema migrations.
//!
//! Every write is one `BEGIN IMMEDIATE` transaction committed with `synchronous = FULL`, so a
//! note is on disk when [`Store::add`] returns; a process killed mid-write leaves the store as it
//! was before that transaction. Writers from several processes queue on the busy timeout
//! ([`BUSY_TIMEOUT`]) instead of failing. A store that is locked past the timeout, read-only,
//! corrupt, not a database, or written by a newer strata is a [`StoreError`] naming the file.

use super::{Anchor, DocRef, Note, StoreError, review::Pair};
use crate::i18n::{Msg, number, tr, trf};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another one before giving up, unless configured
/// ([`super::config::Settings::busy_timeout`]).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// Schema migrations; the store's `user_version` is the number applied. Never edit one that has
/// shipped: add the next.
const MIGRATIONS: &[&str] = &[
    // 1: notes and reviewed marks.
    "CREATE TABLE notes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        uid TEXT NOT NULL UNIQUE,
        region TEXT NOT NULL,
        version TEXT NOT NULL,
        section TEXT NOT NULL,
        block INTEGER CHECK (block IS NULL OR block >= 1),
        anchor_text TEXT,
        anchor_fp TEXT,
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        created TEXT NOT NULL,
        edited TEXT
    );
    CREATE INDEX notes_by_doc ON notes (region, version, section);
    CREATE TABLE reviewed (
        a_region TEXT NOT NULL,
        a_version TEXT NOT NULL,
        b_region TEXT NOT NULL,
        b_version TEXT NOT NULL,
        section TEXT NOT NULL,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (a_region, a_version, b_region, b_version, section)
    );",
    // 2: tombstones of deleted notes, so that an export carries a deletion to other stores.
    "CREATE TABLE deleted (
        uid TEXT PRIMARY KEY,
        at TEXT NOT NULL
    );",
    // 3: each reviewer's bookmarks (a letter for a document version's section).
    "CREATE TABLE bookmarks (
        author TEXT NOT NULL,
        letter TEXT NOT NULL,
        region TEXT NOT NULL,
        version TEXT NOT NULL,
        section TEXT,
        at TEXT NOT NULL,
        PRIMARY KEY (author, letter)
    );",
];

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// What a new note says and where it belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNote {
    /// The document version.
    pub doc: DocRef,
    /// Section key.
    pub section: String,
    /// 1-based block number, or the whole section.
    pub block: Option<usize>,
    /// The block's text and fingerprint.
    pub anchor: Option<Anchor>,
    /// The remark.
    pub text: String,
    /// The author.
    pub author: String,
}

/// The JSON of `strata note export`, read back by `strata note import`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    /// Format version of the export, 1.
    pub strata_notes: u32,
    /// Every note of the store.
    pub notes: Vec<Note>,
    /// Notes deleted in this store (an export without them, from an older strata, reads as none).
    #[serde(default)]
    pub deleted: Vec<Tombstone>,
}

/// A deleted note: its uid and when it was deleted. Imported, it deletes the note in the other
/// store too and keeps an older export from bringing it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    /// The deleted note's [`Note::uid`].
    pub uid: String,
    /// When it was deleted (UTC, RFC 3339).
    pub at: String,
}

/// A reviewer's bookmark: a letter for a document version and one of its sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmark {
    /// The letter.
    pub letter: char,
    /// The document version.
    pub doc: DocRef,
    /// The section's unique key, or the document's overview.
    pub section: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    /// Notes new to this store.
    pub added: usize,
    /// Notes this store had, replaced by a later edit.
    pub updated: usize,
    /// Notes this store already had as they are (or with a later edit), or had deleted.
    pub unchanged: usize,
    /// Notes deleted here because the export says they were deleted there.
    pub deleted: usize,
}

/// An open notes store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    timeout: Duration,
}

impl Store {
    /// Opens (creating when missing) the database `path` for writing and brings its schema up
    /// to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, BUSY_TIMEOUT, true)
    }

    /// As [`Store::open`], waiting at most `timeout` for other writers. With `write` false a
    /// store this user may only read is accepted (for listing and reports; it must already have
    /// the current schema).
    pub fn open_with(path: &Path, timeout: Duration, write: bool) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError {
                file: dir.to_path_buf(),
                problem: trf(Msg::StoreNoFolder, &[&crate::i18n::os_error(&e)]),
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let err = |e: rusqlite::Error, doing: Msg| explain(path, timeout, e, tr(doing));
        let conn = Connection::open_with_flags(path, flags).map_err(|e| err(e, Msg::DoingOpening))?;
        conn.busy_timeout(timeout).map_err(|e| err(e, Msg::DoingBusyTimeout))?;
        let store = Store { conn, path: path.to_path_buf(), timeout };
        if store.conn.is_readonly("main").unwrap_or(false) {
            if write {
                return Err(StoreError { file: path.to_path_buf(), problem: tr(Msg::StoreReadOnly).into() });
            }
            store.check()?;
            let v = store.schema_version()?;
            if v != MIGRATIONS.len() as i64 {
                return Err(StoreError {
                    file: path.to_path_buf(),
                    problem: trf(Msg::StoreReadOnlySchema, &[&v, &MIGRATIONS.len()]),
                });
            }
            return Ok(store);
        }
        store.setup()?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: rusqlite::Error, doing: Msg) -> StoreError {
        explain(&self.path, self.timeout, e, tr(doing))
    }

    fn setup(&self) -> Result<(), StoreError> {
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| self.err(e, Msg::DoingWal))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError { file: self.path.clone(), problem: trf(Msg::StoreNoWal, &[&mode]) });
        }
        self.conn
            .execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(|e| self.err(e, Msg::DoingConfiguring))?;
        self.check()?;
        self.migrate()
    }

    /// A quick structural check: a damaged store is reported, never read on regardless.
    fn check(&self) -> Result<(), StoreError> {
        let check: String =
            self.conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| self.err(e, Msg::DoingChecking))?;
        if check != "ok" {
            return Err(StoreError { file: self.path.clone(), problem: trf(Msg::StoreCorrupt, &[&check]) });
        }
        Ok(())
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| self.err(e, Msg::DoingReadSchema))
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let version = |c: &Connection| c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0));
        let current = self.schema_version()?;
        let known = MIGRATIONS.len() as i64;
        if current == known {
            return Ok(());
        }
        if current > known {
            return Err(self.newer(current));
        }
        let tx = self.begin()?;
        // Another process may have migrated while this one waited for the lock.
        let current = version(&tx).map_err(|e| self.err(e, Msg::DoingReadSchema))?;
        if current > known {
            return Err(self.newer(current));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            tx.execute_batch(sql)
                .map_err(|e| explain(&self.path, self.timeout, e, &trf(Msg::DoingMigrate, &[&(i + 1)])))?;
            tx.pragma_update(None, "user_version", (i + 1) as i64).map_err(|e| self.err(e, Msg::DoingRecordSchema))?;
        }
        tx.commit().map_err(|e| self.err(e, Msg::DoingMigration))
    }

    fn newer(&self, v: i64) -> StoreError {
        StoreError { file: self.path.clone(), problem: trf(Msg::StoreNewer, &[&v, &MIGRATIONS.len()]) }
    }

    fn begin(&self) -> Result<rusqlite::Transaction<'_>, StoreError> {
        rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| self.err(e, Msg::DoingStartWrite))
    }

    /// Adds a note; when this returns the note is durable.
    pub fn add(&self, n: &NewNote) -> Result<Note, StoreError> {
        let tx = self.begin()?;
        let (uid, created): (String, String) = tx
            .query_row(&format!("SELECT lower(hex(randomblob(16))), {NOW}"), [], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e, Msg::DoingAddNote))?;
        let note = Note {
            id: 0,
            uid,
            doc: n.doc.clone(),
            section: n.section.clone(),
            block: n.block,
            anchor: n.anchor.clone(),
            text: n.text.clone(),
            author: n.author.clone(),
            created,
            edited: None,
        };
        insert(&tx, &note).map_err(|e| self.err(e, Msg::DoingAddNote))?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(|e| self.err(e, Msg::DoingCommitNote))?;
        Ok(Note { id, ..note })
    }

    /// One note by id.
    pub fn get(&self, id: i64) -> Result<Option<Note>, StoreError> {
        let sql = format!("{SELECT} WHERE id = ?1");
        self.conn.query_row(&sql, [id], row_note).optional().map_err(|e| self.err(e, Msg::DoingReadNote))
    }

    /// All notes, or those of one document version, ordered by document, section, block and time.
    pub fn list(&self, doc: Option<&DocRef>) -> Result<Vec<Note>, StoreError> {
        let order = "ORDER BY region, version, section, block IS NOT NULL, block, created, id";
        let read = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> rusqlite::Result<Vec<Note>> {
            let mut st = self.conn.prepare(sql)?;
            st.query_map(p, row_note)?.collect()
        };
        match doc {
            Some(d) => read(&format!("{SELECT} WHERE region = ?1 AND version = ?2 {order}"), &[&d.region, &d.version]),
            None => read(&format!("{SELECT} {order}"), &[]),
        }
        .map_err(|e| self.err(e, Msg::DoingListNotes))
    }

    /// Replaces a note's text; false when there is no such note.
    pub fn edit(&self, id: i64, text: &str) -> Result<bool, StoreError> {
        let tx = self.begin()?;
        let n = tx
            .execute(&format!("UPDATE notes SET text = ?2, edited = {NOW} WHERE id = ?1"), params![id, text])
            .map_err(|e| self.err(e, Msg::DoingEditNote))?;
        tx.commit().map_err(|e| self.err(e, Msg::DoingCommitEdit))?;
        Ok(n == 1)
    }

    /// Deletes a note, leaving a tombstone for exports; false when there is no such note.
    pub fn remove(&self, id: i64) -> Result<bool, StoreError> {
        let tx = self.begin()?;
        let err = |e| self.err(e, Msg::DoingDeleteNote);
        let uid: Option<String> =
            tx.query_row("SELECT uid FROM notes WHERE id = ?1", [id], |r| r.get(0)).optional().map_err(err)?;
        let Some(uid) = uid else { return Ok(false) };
        tx.execute("DELETE FROM notes WHERE id = ?1", [id]).map_err(err)?;
        tx.execute(&format!("INSERT OR IGNORE INTO deleted (uid, at) VALUES (?1, {NOW})"), [&uid]).map_err(err)?;
        tx.commit().map_err(|e| self.err(e, Msg::DoingCommitDelete))?;
        Ok(true)
    }

    /// Every note and every deletion, for moving to another host.
    pub fn export(&self) -> Result<Export, StoreError> {
        let read = || -> rusqlite::Result<Vec<Tombstone>> {
            let mut st = self.conn.prepare("SELECT uid, at FROM deleted ORDER BY at, uid")?;
            st.query_map([], |r| Ok(Tombstone { uid: r.get(0)?, at: r.get(1)? }))?.collect()
        };
        let deleted = read().map_err(|e| self.err(e, Msg::DoingListDeleted))?;
        Ok(Export { strata_notes: 1, notes: self.list(None)?, deleted })
    }

    /// Merges an export in one transaction. Deletions apply first: a note deleted in either
    /// store stays deleted (its tombstone is kept here too). Notes are matched by `uid`: a note
    /// already here is kept unless the import carries a later edit, so importing twice changes
    /// nothing.
    pub fn import(&self, export: &Export) -> Result<ImportCounts, StoreError> {
        let tx = self.begin()?;
        let mut counts = ImportCounts::default();
        let err = |e| self.err(e, Msg::DoingImport);
        for t in &export.deleted {
            counts.deleted += tx.execute("DELETE FROM notes WHERE uid = ?1", [&t.uid]).map_err(err)?;
            tx.execute("INSERT OR IGNORE INTO deleted (uid, at) VALUES (?1, ?2)", params![t.uid, t.at]).map_err(err)?;
        }
        for n in &export.notes {
            let gone: Option<i64> =
                tx.query_row("SELECT 1 FROM deleted WHERE uid = ?1", [&n.uid], |r| r.get(0)).optional().map_err(err)?;
            if gone.is_some() {
                counts.unchanged += 1;
                continue;
            }
            let have: Option<(String, Option<String>)> = tx
                .query_row("SELECT text, edited FROM notes WHERE uid = ?1", [&n.uid], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
                .map_err(|e| self.err(e, Msg::DoingImport))?;
            match have {
                None => {
                    insert(&tx, n).map_err(|e| self.err(e, Msg::DoingImport))?;
                    counts.added += 1;
                }
                Some((text, edited)) if n.edited.is_some() && n.edited > edited && text != n.text => {
                    tx.execute(
                        "UPDATE notes SET text = ?2, edited = ?3 WHERE uid = ?1",
                        params![n.uid, n.text, n.edited],
                    )
                    .map_err(|e| self.err(e, Msg::DoingImport))?;
                    counts.updated += 1;
                }
                Some(_) => counts.unchanged += 1,
            }
        }
        tx.commit().map_err(|e| self.err(e, Msg::DoingCommitImport))?;
        Ok(counts)
    }

    /// Marks (or unmarks) a section of a comparison as reviewed.
    pub fn set_reviewed(&self, pair: &Pair, section: &str, author: &str, reviewed: bool) -> Result<(), StoreError> {
        let tx = self.begin()?;
        let keys = params![pair.a.region, pair.a.version, pair.b.region, pair.b.version, section];
        let result = if reviewed {
            tx.execute(
                &format!(
                    "INSERT INTO reviewed (a_region, a_version, b_region, b_version, section, author, at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, {NOW}) ON CONFLICT DO UPDATE SET author = ?6, at = {NOW}"
                ),
                params![pair.a.region, pair.a.version, pair.b.region, pair.b.version, section, author],
            )
        } else {
            tx.execute(
                "DELETE FROM reviewed WHERE a_region = ?1 AND a_version = ?2 AND b_region = ?3 AND b_version = ?4
                 AND section = ?5",
                keys,
            )
        };
        result.map_err(|e| self.err(e, Msg::DoingMarkReviewed))?;
        tx.commit().map_err(|e| self.err(e, Msg::DoingCommitReviewed))
    }

    /// The sections of a comparison marked reviewed.
    pub fn reviewed(&self, pair: &Pair) -> Result<BTreeSet<String>, StoreError> {
        let read = || -> rusqlite::Result<BTreeSet<String>> {
            let mut st = self.conn.prepare(
                "SELECT section FROM reviewed WHERE a_region = ?1 AND a_version = ?2 AND b_region = ?3
                 AND b_version = ?4",
            )?;
            st.query_map(params![pair.a.region, pair.a.version, pair.b.region, pair.b.version], |r| r.get(0))?.collect()
        };
        read().map_err(|e| self.err(e, Msg::DoingReadReviewed))
    }
}

impl Store {
    /// Sets (or moves) one of `author`'s bookmarks.
    pub fn set_bookmark(&self, author: &str, b: &Bookmark) -> Result<(), StoreError> {
        let tx = self.begin()?;
        tx.execute(
            &format!(
                "INSERT INTO bookmarks (author, letter, region, version, section, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, {NOW}) ON CONFLICT DO UPDATE
                 SET region = ?3, version = ?4, section = ?5, at = {NOW}"
            ),
            params![author, b.letter.to_string(), b.doc.region, b.doc.version, b.section],
        )
        .map_err(|e| self.err(e, Msg::DoingSetBookmark))?;
        tx.commit().map_err(|e| self.err(e, Msg::DoingCommitBookmark))
    }

    /// `author`'s bookmarks, by letter.
    pub fn bookmarks(&self, author: &str) -> Result<Vec<Bookmark>, StoreError> {
        let read = || -> rusqlite::Result<Vec<Bookmark>> {
            let mut st = self
                .conn
                .prepare("SELECT letter, region, version, section FROM bookmarks WHERE author = ?1 ORDER BY letter")?;
            st.query_map([author], |r| {
                let letter: String = r.get(0)?;
                Ok(Bookmark {
                    letter: letter.chars().next().unwrap_or('?'),
                    doc: DocRef { region: r.get(1)?, version: r.get(2)? },
                    section: r.get(3)?,
                })
            })?
            .collect()
        };
        read().map_err(|e| self.err(e, Msg::DoingReadBookmarks))
    }
}

/// Inserts a note with its uid and times (its store id is assigned here).
fn insert(tx: &rusqlite::Transaction<'_>, n: &Note) -> rusqlite::Result<usize> {
    tx.execute(
        "INSERT INTO notes (uid, region, version, section, block, anchor_text, anchor_fp, text, author, created, edited)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            n.uid,
            n.doc.region,
            n.doc.version,
            n.section,
            n.block.map(|b| b as i64),
            n.anchor.as_ref().map(|a| &a.text),
            n.anchor.as_ref().map(|a| &a.fingerprint),
            n.text,
            n.author,
            n.created,
            n.edited,
        ],
    )
}

const SELECT: &str = "SELECT id, uid, region, version, section, block, anchor_text, anchor_fp, text, author, created,
    edited FROM notes";

fn row_note(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    let anchor_text: Option<String> = r.get(6)?;
    let anchor_fp: Option<String> = r.get(7)?;
    Ok(Note {
        id: r.get(0)?,
        uid: r.get(1)?,
        doc: DocRef { region: r.get(2)?, version: r.get(3)? },
        section: r.get(4)?,
        block: r.get::<_, Option<i64>>(5)?.map(|b| b as usize),
        anchor: anchor_text.zip(anchor_fp).map(|(text, fingerprint)| Anchor { text, fingerprint }),
        text: r.get(8)?,
        author: r.get(9)?,
        created: r.get(10)?,
        edited: r.get(11)?,
    })
}

/// Turns a SQLite error into a message a reviewer can act on.
fn explain(path: &Path, timeout: Duration, e: rusqlite::Error, doing: &str) -> StoreError {
    let problem = match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            trf(Msg::StoreLocked, &[&number((timeout.as_secs_f64() * 10.0).round() / 10.0), &doing])
        }
        Some(ErrorCode::ReadOnly) => trf(Msg::StoreReadOnlyDoing, &[&doing]),
        Some(ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => trf(Msg::StoreCannotOpen, &[&doing, &e]),
        Some(ErrorCode::NotADatabase) => trf(Msg::StoreNotADatabase, &[&doing]),
        Some(ErrorCode::DatabaseCorrupt) => trf(Msg::StoreCorruptDoing, &[&doing, &e]),
        Some(ErrorCode::DiskFull) => trf(Msg::StoreDiskFull, &[&doing]),
        _ => trf(Msg::StoreOther, &[&doing, &e]),
    };
    StoreError { file: path.to_path_buf(), problem }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(text: &str) -> NewNote {
        NewNote {
            doc: DocRef { region: "ivanovo".into(), version: "2021-08-20".into() },
            section: "problems.healthcare".into(),
            block: Some(3),
            anchor: Some(Anchor { text: "абзац".into(), fingerprint: "f".into() }),
            text: text.into(),
            author: "ivanova".into(),
        }
    }

    #[test]
    fn add_list_edit_remove_and_migrate_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/notes.sqlite");
        let s = Store::open(&path).unwrap();
        let a = s.add(&new("первая")).unwrap();
        let b = s.add(&new("вторая")).unwrap();
        assert_ne!(a.uid, b.uid);
        assert!(a.created.ends_with('Z'), "{}", a.created);
        assert!(s.edit(a.id, "исправлена").unwrap());
        assert!(!s.edit(999, "x").unwrap());
        assert!(s.remove(b.id).unwrap());
        assert!(!s.remove(b.id).unwrap());
        drop(s);
        let s = Store::open(&path).unwrap();
        let all = s.list(None).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].text, "исправлена");
        assert!(all[0].edited.is_some());
        let v: i64 = s.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, MIGRATIONS.len() as i64);
    }

    #[test]
    fn import_is_idempotent_and_takes_later_edits() {
        let dir = tempfile::tempdir().unwrap();
        let one = Store::open(&dir.path().join("1.sqlite")).unwrap();
        let two = Store::open(&dir.path().join("2.sqlite")).unwrap();
        let n = one.add(&new("замечание")).unwrap();
        let ex = one.export().unwrap();
        assert_eq!(two.import(&ex).unwrap(), ImportCounts { added: 1, ..Default::default() });
        assert_eq!(two.import(&ex).unwrap(), ImportCounts { unchanged: 1, ..Default::default() });
        one.edit(n.id, "уточнено").unwrap();
        let ex = one.export().unwrap();
        assert_eq!(two.import(&ex).unwrap().updated, 1);
        let got = two.list(None).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].text.as_str(), got[0].uid.as_str()), ("уточнено", n.uid.as_str()));
    }

    #[test]
    fn a_deletion_travels_with_the_export_and_an_old_export_does_not_revive_it() {
        let dir = tempfile::tempdir().unwrap();
        let one = Store::open(&dir.path().join("1.sqlite")).unwrap();
        let two = Store::open(&dir.path().join("2.sqlite")).unwrap();
        let kept = one.add(&new("остаётся")).unwrap();
        let gone = one.add(&new("удаляется")).unwrap();
        let before = one.export().unwrap();
        assert!(before.deleted.is_empty());
        assert_eq!(two.import(&before).unwrap().added, 2);
        assert!(one.remove(gone.id).unwrap());
        let after = one.export().unwrap();
        assert_eq!(after.deleted.iter().map(|t| t.uid.as_str()).collect::<Vec<_>>(), [gone.uid.as_str()]);
        let c = two.import(&after).unwrap();
        assert_eq!((c.deleted, c.unchanged, c.added), (1, 1, 0));
        let uids = |s: &Store| s.list(None).unwrap().into_iter().map(|n| n.uid).collect::<Vec<_>>();
        assert_eq!(uids(&two), std::slice::from_ref(&kept.uid));
        // The export from before the deletion, imported again, does not bring the note back...
        assert_eq!(two.import(&before).unwrap().added, 0);
        assert_eq!(uids(&two), std::slice::from_ref(&kept.uid));
        // ...and the second store's own export carries the deletion on to a third.
        let three = Store::open(&dir.path().join("3.sqlite")).unwrap();
        three.import(&before).unwrap();
        assert_eq!(three.import(&two.export().unwrap()).unwrap().deleted, 1);
        assert_eq!(uids(&three), [kept.uid]);
        // An export written before tombstones existed still reads.
        let old: Export = serde_json::from_str(r#"{"strata_notes": 1, "notes": []}"#).unwrap();
        assert!(old.deleted.is_empty());
    }

    #[test]
    fn bookmarks_are_each_reviewers_own_and_move() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("b.sqlite")).unwrap();
        let doc = DocRef { region: "ivanovo".into(), version: "2021-08-20".into() };
        let mark = |letter, section: &str| Bookmark { letter, doc: doc.clone(), section: Some(section.into()) };
        s.set_bookmark("ivanova", &mark('a', "basics.terms")).unwrap();
        s.set_bookmark("petrov", &mark('a', "problems.healthcare")).unwrap();
        s.set_bookmark("ivanova", &mark('a', "problems.energy")).unwrap();
        s.set_bookmark("ivanova", &Bookmark { letter: 'я', doc: doc.clone(), section: None }).unwrap();
        let got = s.bookmarks("ivanova").unwrap();
        assert_eq!(got, [mark('a', "problems.energy"), Bookmark { letter: 'я', doc, section: None }]);
        assert_eq!(s.bookmarks("petrov").unwrap()[0].section.as_deref(), Some("problems.healthcare"));
    }

    #[test]
    fn bad_stores_are_named_errors() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk.sqlite");
        std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
        let e = Store::open(&junk).unwrap_err();
        assert_eq!(e.file, junk);
        assert!(e.problem.contains("not a notes store"), "{e}");
        let newer = dir.path().join("newer.sqlite");
        Store::open(&newer).unwrap().conn.pragma_update(None, "user_version", 99).unwrap();
        let e = Store::open(&newer).unwrap_err();
        assert!(e.problem.contains("schema 99"), "{e}");
    }
}
