use khoj_index::request::{SearchRequest, SuggestRequest};
use khoj_index::search::Searcher;
use khoj_index::KhojIndex;
use std::time::Instant;
use unicode_segmentation::UnicodeSegmentation;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let index = KhojIndex::open(std::path::Path::new(&args[1]), &Default::default()).unwrap();
    let s = Searcher::new(&index, Default::default()).unwrap();
    s.reload().unwrap();
    let text = std::fs::read_to_string(&args[2]).unwrap();
    let n: usize = args[3].parse().unwrap();
    let mode = args[4].clone();
    let qs: Vec<String> = text
        .lines()
        .filter_map(|l| l.split('\t').nth(1))
        .filter_map(|q| {
            let f = q.split_whitespace().next()?;
            let c: Vec<&str> = f.graphemes(true).collect();
            (c.len() > n).then(|| c[..n].concat())
        })
        .collect();
    let mut times = Vec::new();
    for _ in 0..3 {
        for q in &qs {
            let t = Instant::now();
            if mode == "suggest" {
                std::hint::black_box(s.suggest(&SuggestRequest {
                    q: q.clone(),
                    limit: 8,
                }));
            } else {
                let mut r = SearchRequest::new(q);
                r.instant = true;
                r.facets = false;
                r.snippets = mode == "instant";
                std::hint::black_box(s.search(&r).unwrap());
            }
            times.push((t.elapsed().as_secs_f64() * 1000.0, q.clone()));
        }
    }
    times.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    let p = |x: f64| times[((times.len() as f64 - 1.0) * x) as usize].0;
    println!(
        "{mode} n={n}: p50 {:.3} p99 {:.3} max {:.3} {:?}",
        p(0.5),
        p(0.99),
        times.last().unwrap().0,
        &times[times.len() - 5..]
            .iter()
            .map(|t| &t.1)
            .collect::<Vec<_>>()
    );
}
