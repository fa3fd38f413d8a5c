//! The known name closest to a typed one: the "did you mean" of model ids.

/// The known model closest to `typed` by edit distance, when close enough to be a typo.
pub fn closest(typed: &str, known: &[String]) -> Option<String> {
    let typed: Vec<char> = typed.chars().map(|c| c.to_ascii_lowercase()).collect();
    // One pass over a list of any length (100,000 ids have been seen): ids whose length
    // alone rules them out are skipped, and one row buffer serves every comparison.
    let mut row = Vec::new();
    let mut best: Option<(usize, &String)> = None;
    for k in known {
        let k_len = k.chars().count();
        let limit = (k.len() / 3).max(2);
        if k_len.abs_diff(typed.len()) > limit || best.is_some_and(|(d, _)| k_len.abs_diff(typed.len()) >= d) {
            continue;
        }
        let d = distance_ignoring_case(&typed, k, &mut row);
        if d > 0 && d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k.clone())
}

/// Levenshtein distance between `a` (already lower-cased) and `b`, ASCII case ignored.
pub fn distance_ignoring_case(a: &[char], b: &str, row: &mut Vec<usize>) -> usize {
    row.clear();
    row.extend(0..=a.len());
    for (j, cb) in b.chars().map(|c| c.to_ascii_lowercase()).enumerate() {
        let mut diagonal = row[0];
        row[0] = j + 1;
        for (i, ca) in a.iter().enumerate() {
            let above = row[i + 1];
            row[i + 1] = if *ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[i])
            };
            diagonal = above;
        }
    }
    row[a.len()]
}

/// Levenshtein distance over characters, ASCII case ignored.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    distance_ignoring_case(&a, b, &mut Vec::new())
}
