fn main() {
    for f in std::env::args().skip(1) {
        let t = std::fs::read_to_string(&f).unwrap();
        let m = strata::normalize::meta::extract(&t);
        println!(
            "{f}: {:?}\n  {:?}\n  {:?}\n  {:?} @{:?}\n",
            m.region, m.title, m.period, m.approval, m.approval_offset
        );
    }
}
