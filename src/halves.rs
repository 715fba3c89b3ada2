//! Work on many items in two halves, one per core, joined back in order.
//!
//! Reading keeps both cores busy; what comes after it (scoring the groups, writing their rows) is
//! split here so that the second core keeps working too.

/// Below this many items the work is done on one thread: starting a second costs more than it
/// saves.
pub(crate) const MIN_ITEMS: usize = 256;

/// `work` on `items`: on this thread alone for a few items (one result), else on the first and
/// the second half at once, on this thread and another (two results, in order). A panic in
/// either is passed on.
pub fn in_halves<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    if items.len() < MIN_ITEMS {
        return vec![work(items)];
    }
    let (first, second) = items.split_at(items.len() / 2);
    std::thread::scope(|scope| {
        let later = scope.spawn(|| work(second));
        let earlier = work(first);
        match later.join() {
            Ok(later) => vec![earlier, later],
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_are_joined_in_order() {
        for n in [0, 1, 255, 256, 257, 1000] {
            let items: Vec<usize> = (0..n).collect();
            let parts = in_halves(&items, <[usize]>::to_vec);
            assert_eq!(parts.len(), if n < MIN_ITEMS { 1 } else { 2 }, "{n}");
            assert_eq!(parts.concat(), items, "{n}");
        }
    }
}
