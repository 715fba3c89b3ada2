//! Rows' key cells as bytes, found again by one hash: [`KeyTable`].
//!
//! A row is placed by its key cells (municipality, round, issue, interview, role). Folding
//! those names and looking up their group and interview is the slow part of placing a row,
//! and it only has to be done once for each different way the cells are written: after that,
//! the same bytes mean the same place. A [`KeyTable`] maps the bytes of a row's key cells to
//! what was found for them the first time. It is used twice, with one implementation: by the
//! parsing thread of a CSV file, which numbers each row's key cells among the file's
//! ([`super::rows::Ahead::key`], so that the reader finds its interview by that number in an
//! array, on the other core from the hashing), and by the store for rows that come without
//! such a number (spreadsheets, worksheets, coded exports).
//!
//! A key of up to [`INLINE`] bytes (the usual) is kept in its table entry, so that a row in
//! random order costs one miss of the cache, not three.

use std::hash::BuildHasher;

/// How many bytes of key an entry holds itself.
const INLINE: usize = 32;

/// Key bytes (see [`KeyTable::cell`] for their encoding) and a value for each.
#[derive(Debug)]
pub(crate) struct KeyTable<V> {
    table: hashbrown::HashTable<Stored<V>>,
    hasher: hashbrown::DefaultHashBuilder,
    /// The bytes of the keys longer than [`INLINE`], one after another.
    long: Vec<u8>,
    /// The key being put together, then looked up or added.
    buf: Vec<u8>,
    /// The key found or added last: rows sorted by key find it again without hashing.
    last: Option<Stored<V>>,
}

/// Adds a cell to the key in `key`: its length (one byte below 254; else 254 and four bytes)
/// and bytes, or 255 for no cell. No two different lists of cells make the same key.
#[inline]
pub(crate) fn cell(key: &mut Vec<u8>, cell: Option<&[u8]>) {
    match cell {
        Some(bytes) => {
            match u8::try_from(bytes.len()).ok().filter(|&n| n < 254) {
                Some(n) => key.push(n),
                None => {
                    key.push(254);
                    let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
                    key.extend_from_slice(&len.to_le_bytes());
                }
            }
            key.extend_from_slice(bytes);
        }
        None => key.push(255),
    }
}

/// Whether `key` (made by [`cell`]) is the key of these cells: read in
/// place, with no key made of them.
pub(crate) fn is_key_of<'c>(key: &[u8], cells: impl IntoIterator<Item = &'c [u8]>) -> bool {
    let mut rest = key;
    for cell in cells {
        let (len, after) = match rest {
            [n, after @ ..] if *n < 254 => (usize::from(*n), after),
            [254, a, b, c, d, after @ ..] => {
                let len = u32::from_le_bytes([*a, *b, *c, *d]);
                (usize::try_from(len).unwrap_or(usize::MAX), after)
            }
            _ => return false,
        };
        if after.get(..len) != Some(cell) {
            return false;
        }
        rest = &after[len..];
    }
    rest.is_empty()
}

impl<V> Default for KeyTable<V> {
    fn default() -> Self {
        KeyTable {
            table: hashbrown::HashTable::new(),
            hasher: hashbrown::DefaultHashBuilder::default(),
            long: Vec::new(),
            buf: Vec::new(),
            last: None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Stored<V> {
    /// The key's bytes, zero-padded, when there are at most [`INLINE`]; else its start in
    /// [`KeyTable::long`] (the first eight bytes).
    text: [u8; INLINE],
    len: u32,
    value: V,
}

impl<V> Stored<V> {
    fn bytes<'a>(&'a self, long: &'a [u8]) -> &'a [u8] {
        let len = self.len as usize;
        if len <= INLINE {
            return &self.text[..len];
        }
        let mut start = [0; 8];
        start.copy_from_slice(&self.text[..8]);
        let start = usize::try_from(u64::from_le_bytes(start)).unwrap_or(usize::MAX);
        long.get(start..start + len).unwrap_or_default()
    }

    /// Whether this is the key `buf` (`padded`: its first [`INLINE`] bytes, zero-padded).
    #[inline]
    fn is(&self, buf: &[u8], padded: &[u8; INLINE], long: &[u8]) -> bool {
        self.len as usize == buf.len()
            && if buf.len() <= INLINE {
                self.text == *padded
            } else {
                self.bytes(long) == buf
            }
    }
}

impl<V: Copy> KeyTable<V> {
    /// Starts a new key.
    #[inline]
    pub fn start(&mut self) {
        self.buf.clear();
    }

    /// Adds a cell to the key ([`cell`]).
    #[inline]
    pub fn cell(&mut self, cell: Option<&[u8]>) {
        self::cell(&mut self.buf, cell);
    }

    fn padded(&self) -> [u8; INLINE] {
        let mut padded = [0; INLINE];
        let n = self.buf.len().min(INLINE);
        padded[..n].copy_from_slice(&self.buf[..n]);
        padded
    }

    /// The value of the key put together, if it was added before.
    #[inline]
    pub fn find(&mut self) -> Option<V> {
        let padded = self.padded();
        let (buf, long) = (self.buf.as_slice(), self.long.as_slice());
        if let Some(last) = &self.last
            && last.is(buf, &padded, long)
        {
            return Some(last.value);
        }
        let hash = self.hasher.hash_one(buf);
        let found = *self.table.find(hash, |k| k.is(buf, &padded, long))?;
        self.last = Some(found);
        Some(found.value)
    }

    /// Adds the key put together, which [`KeyTable::find`] did not find, with its value.
    pub fn add(&mut self, value: V) {
        let mut key = Stored {
            text: self.padded(),
            len: u32::try_from(self.buf.len()).unwrap_or(u32::MAX),
            value,
        };
        if self.buf.len() > INLINE {
            key.text = [0; INLINE];
            key.text[..8].copy_from_slice(&(self.long.len() as u64).to_le_bytes());
            self.long.extend_from_slice(&self.buf);
        }
        let hash = self.hasher.hash_one(self.buf.as_slice());
        let (long, hasher) = (&self.long, &self.hasher);
        self.table
            .insert_unique(hash, key, |k| hasher.hash_one(k.bytes(long)));
        self.last = Some(key);
    }

    /// How many keys were added.
    pub fn len(&self) -> usize {
        self.table.len()
    }
}

impl KeyTable<u32> {
    /// Numbers a batch of keys, each made by [`cell`] and the one after the other in `keys`
    /// (key `i` ends at `ends[i]`), into `numbers`: a key seen before gets its number, a new
    /// one the next, counting from 0. The keys are hashed in one loop and looked up in a
    /// second: two short loops, whose misses of the cache overlap from one key to the next
    /// (measured at 10^6 rows in random order: the parsing thread's time went from about 950
    /// perf samples to 650 against numbering each row as it is read, the wall time by a sixth).
    pub fn number_all(&mut self, keys: &[u8], ends: &[usize], numbers: &mut Vec<u32>) {
        let key = |i: usize| &keys[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
        let hashes: Vec<u64> = (0..ends.len())
            .map(|i| self.hasher.hash_one(key(i)))
            .collect();
        numbers.clear();
        for (i, hash) in hashes.into_iter().enumerate() {
            self.buf.clear();
            self.buf.extend_from_slice(key(i));
            let padded = self.padded();
            let (buf, long) = (self.buf.as_slice(), self.long.as_slice());
            let found = self.table.find(hash, |k| k.is(buf, &padded, long));
            numbers.push(match found {
                Some(found) => found.value,
                None => {
                    let next = u32::try_from(self.len()).unwrap_or(u32::MAX);
                    self.add(next);
                    next
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of these cells, numbered in the order first seen.
    fn number(table: &mut KeyTable<u32>, cells: &[Option<&str>]) -> u32 {
        table.start();
        for cell in cells {
            table.cell(cell.map(str::as_bytes));
        }
        table.find().unwrap_or_else(|| {
            let n = u32::try_from(table.len()).unwrap();
            table.add(n);
            n
        })
    }

    #[test]
    fn keys_are_the_same_only_when_every_cell_is() {
        let long = "Kommun med ett mycket långt namn som inte ryms i tabellen";
        let mut table = KeyTable::default();
        let keys: [&[Option<&str>]; 9] = [
            &[Some("Kinda"), Some("K1")],
            &[Some("Kind"), Some("aK1")],
            &[Some("Kinda"), None],
            &[Some("Kinda"), Some("")],
            &[Some(long), Some("K1")],
            &[Some(long), Some("K2")],
            &[Some("kinda"), Some("K1")],
            &[Some("Kinda"), Some("K1"), None],
            &[Some(&"x".repeat(300)), Some("K1")],
        ];
        let first: Vec<u32> = keys.iter().map(|k| number(&mut table, k)).collect();
        assert_eq!(first, (0..9).collect::<Vec<u32>>());
        // Again, in another order and each twice in a row: the same numbers.
        for (k, key) in keys.iter().enumerate().rev() {
            assert_eq!(number(&mut table, key), k as u32);
            assert_eq!(number(&mut table, key), k as u32);
        }
        assert_eq!(table.len(), 9);
    }

    fn bytes<'a>(cells: &[&'a str]) -> Vec<&'a [u8]> {
        cells.iter().map(|c| c.as_bytes()).collect()
    }

    #[test]
    fn a_key_is_recognised_in_place_only_for_its_own_cells() {
        let long = "x".repeat(300);
        for cells in [vec!["Kinda", "K1"], vec!["", ""], vec![long.as_str(), "K1"]] {
            let mut key = Vec::new();
            for c in &cells {
                cell(&mut key, Some(c.as_bytes()));
            }
            assert!(is_key_of(&key, bytes(&cells)), "{cells:?}");
            let mut other = cells.clone();
            other.push("");
            assert!(!is_key_of(&key, bytes(&other)), "{other:?}");
            assert!(!is_key_of(&key, bytes(&cells[..1])), "{cells:?}");
        }
        let mut key = Vec::new();
        cell(&mut key, Some(b"a\0b"));
        cell(&mut key, Some(b"c"));
        assert!(!is_key_of(&key, [&b"a"[..], b"b\0c"]));
        assert!(!is_key_of(&key, [&b"a\0"[..], b"bc"]));
        assert!(is_key_of(&key, [&b"a\0b"[..], b"c"]));
    }
}
