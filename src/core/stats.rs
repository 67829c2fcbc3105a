//! Order statistics shared by the sweeps, the bias–variance decomposition and the sharp vs
//! flat heatmaps. One [`median`], with one rule for the values it cannot order.

/// The median of `values`: the middle value, or the mean of the middle two for an even
/// count. NaN has no place in the order and is skipped; ±∞ are ordered as the extremes they
/// are (callers that want finite values only filter them first). `None` when no value is
/// left.
#[must_use]
pub fn median(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let mut v: Vec<f64> = values.into_iter().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[mid]
    } else {
        0.5 * (v[mid - 1] + v[mid])
    })
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median([3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median([4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median([4.0, 1.0]), Some(2.5));
        assert_eq!(median(Vec::new()), None);
    }

    #[test]
    fn median_skips_nan_and_orders_infinities() {
        assert_eq!(median([3.0, f64::NAN, 1.0, 2.0]), Some(2.0));
        assert_eq!(median([f64::NAN]), None);
        assert_eq!(median([1.0, f64::INFINITY, 2.0]), Some(2.0));
        assert_eq!(median([f64::NEG_INFINITY, 5.0, 6.0]), Some(5.0));
    }
}
