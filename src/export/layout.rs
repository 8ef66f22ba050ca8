//! Positions for `kg view`'s page, computed by kg so that the browser draws
//! the graph at once instead of laying it out first (Cytoscape's fCoSE took
//! seconds on a few hundred nodes). Each connected component gets a
//! force-directed layout (Fruchterman and Reingold's: every pair repels,
//! linked nodes attract, a weak gravity keeps it round) started from a
//! golden-angle spiral in breadth-first order from the centre, or from its
//! most linked node, so the centre sits in the middle and the nearest nodes
//! around it; a few passes then push apart the nodes still closer than
//! [`APART`] (dense groups end up tighter than the forces' ideal), and the
//! components are packed in rows, biggest first.
//! Pure and deterministic: the same graph gives the same picture.

/// The distance linked nodes settle at, in the page's units.
const EDGE: f64 = 60.0;
/// Pairs of nodes visited per component, over all iterations: big
/// components get fewer iterations (at least [`MIN_ROUNDS`]), so laying out
/// a few thousand nodes stays under a second or two.
const WORK: usize = 200_000_000;
const MIN_ROUNDS: usize = 40;
const MAX_ROUNDS: usize = 300;
/// The golden angle: consecutive spiral points never line up.
const GOLDEN: f64 = 2.399_963_229_728_653;
/// The least distance between two nodes of a component, as a share of
/// [`EDGE`]: room for a node and the start of its name.
const APART: f64 = 0.6;
/// The passes that push apart nodes closer than that.
const SEPARATE_PASSES: usize = 30;
/// The packed components' width over their height.
const ASPECT: f64 = 1.5;
/// The pull towards the component's middle, per unit of distance: enough
/// to keep loosely linked nodes from drifting off.
const GRAVITY: f64 = 0.5;

/// The position of each of `n` nodes (indices `0..n`) linked by `edges`
/// (pairs of indices; repeated and reversed pairs and loops are allowed),
/// with `center`, if given, in the middle of its component.
pub fn lay_out(n: usize, edges: &[(usize, usize)], center: Option<usize>) -> Vec<(f64, f64)> {
    let mut links: Vec<(usize, usize)> = edges
        .iter()
        .filter(|&&(a, b)| a != b && a < n && b < n)
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .collect();
    links.sort_unstable();
    links.dedup();
    let mut adjacent = vec![Vec::new(); n];
    for &(a, b) in &links {
        adjacent[a].push(b);
        adjacent[b].push(a);
    }
    let mut positions = vec![(0.0, 0.0); n];
    let mut boxes = Vec::new();
    for component in components(&adjacent, center) {
        let local = arrange(&component, &adjacent, center);
        for (&node, &p) in component.iter().zip(&local) {
            positions[node] = p;
        }
        boxes.push(component);
    }
    pack(&boxes, &mut positions);
    positions
}

/// The connected components, each in breadth-first order from its root
/// (`center`, else its most linked node, the lowest index first): the
/// centre's component first, then by size, biggest first.
fn components(adjacent: &[Vec<usize>], center: Option<usize>) -> Vec<Vec<usize>> {
    let n = adjacent.len();
    let mut component_of = vec![usize::MAX; n];
    let mut seen = vec![false; n];
    let mut found: Vec<Vec<usize>> = Vec::new();
    for start in 0..n {
        if component_of[start] != usize::MAX {
            continue;
        }
        let members = breadth_first(adjacent, start, &mut seen);
        for &m in &members {
            component_of[m] = found.len();
        }
        found.push(members);
    }
    let first = center.filter(|&c| c < n).map(|c| component_of[c]);
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (Some(i) != first, std::cmp::Reverse(found[i].len()), i));
    order
        .into_iter()
        .map(|i| {
            let members = &found[i];
            let root = center
                .filter(|&c| c < n && component_of[c] == i)
                .unwrap_or_else(|| {
                    *members
                        .iter()
                        .min_by_key(|&&m| (std::cmp::Reverse(adjacent[m].len()), m))
                        .expect("a component has a member")
                });
            breadth_first(adjacent, root, &mut seen)
        })
        .collect()
}

/// The nodes reachable from `root`, in breadth-first order (neighbours by
/// index); `seen` is all false before and after.
fn breadth_first(adjacent: &[Vec<usize>], root: usize, seen: &mut [bool]) -> Vec<usize> {
    seen[root] = true;
    let mut order = vec![root];
    let mut next = 0;
    while next < order.len() {
        let mut around = adjacent[order[next]].clone();
        around.sort_unstable();
        for m in around {
            if !seen[m] {
                seen[m] = true;
                order.push(m);
            }
        }
        next += 1;
    }
    for &m in &order {
        seen[m] = false;
    }
    order
}

/// A force-directed layout of one component (`members` in breadth-first
/// order, the root first), in the component's own coordinates.
fn arrange(members: &[usize], adjacent: &[Vec<usize>], center: Option<usize>) -> Vec<(f64, f64)> {
    let n = members.len();
    // Spiral start: the root at the origin, the others outwards in
    // breadth-first order, about EDGE apart.
    let mut at: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let r = 0.55 * EDGE * (i as f64).sqrt();
            let a = i as f64 * GOLDEN;
            (r * a.cos(), r * a.sin())
        })
        .collect();
    if n < 3 {
        return at;
    }
    let mut index = vec![usize::MAX; adjacent.len()];
    for (i, &m) in members.iter().enumerate() {
        index[m] = i;
    }
    let mut links = Vec::new();
    for (i, &m) in members.iter().enumerate() {
        links.extend(
            adjacent[m]
                .iter()
                .map(|&o| (i, index[o]))
                .filter(|&(i, j)| i < j),
        );
    }
    let pinned = center.is_some_and(|c| members[0] == c);
    let rounds = (WORK / (n * n)).clamp(MIN_ROUNDS, MAX_ROUNDS);
    let k2 = EDGE * EDGE;
    let start = 0.5 * EDGE * (n as f64).sqrt();
    let mut moved = vec![(0.0, 0.0); n];
    for round in 0..rounds {
        moved.fill((0.0, 0.0));
        for i in 0..n {
            let (xi, yi) = at[i];
            for j in i + 1..n {
                let (dx, dy) = (xi - at[j].0, yi - at[j].1);
                let d2 = (dx * dx + dy * dy).max(0.01);
                let f = k2 / d2;
                moved[i].0 += dx * f;
                moved[i].1 += dy * f;
                moved[j].0 -= dx * f;
                moved[j].1 -= dy * f;
            }
        }
        for &(i, j) in &links {
            let (dx, dy) = (at[i].0 - at[j].0, at[i].1 - at[j].1);
            let f = (dx * dx + dy * dy).sqrt() / EDGE;
            moved[i].0 -= dx * f;
            moved[i].1 -= dy * f;
            moved[j].0 += dx * f;
            moved[j].1 += dy * f;
        }
        // Linear cooling: the longest step shrinks from `start` to nothing.
        let step = start * (1.0 - round as f64 / rounds as f64) + 0.5;
        for i in usize::from(pinned)..n {
            let (mut dx, mut dy) = moved[i];
            dx -= GRAVITY * at[i].0;
            dy -= GRAVITY * at[i].1;
            let d = (dx * dx + dy * dy).sqrt();
            if d > 0.0 {
                let s = d.min(step) / d;
                at[i].0 += dx * s;
                at[i].1 += dy * s;
            }
        }
    }
    separate(&mut at);
    at
}

/// Pushes apart, in a few passes, every two nodes closer than
/// `APART * EDGE`: each moves half the shortfall (coinciding nodes along a
/// direction of their own).
fn separate(at: &mut [(f64, f64)]) {
    let least = APART * EDGE;
    for _ in 0..SEPARATE_PASSES {
        let mut moved = false;
        for i in 0..at.len() {
            for j in i + 1..at.len() {
                let (mut dx, mut dy) = (at[j].0 - at[i].0, at[j].1 - at[i].1);
                let mut d = (dx * dx + dy * dy).sqrt();
                if d >= least {
                    continue;
                }
                if d < 1e-6 {
                    let a = j as f64 * GOLDEN;
                    (dx, dy, d) = (a.cos(), a.sin(), 1.0);
                }
                let push = 0.5 * (least - d) / d;
                at[i].0 -= dx * push;
                at[i].1 -= dy * push;
                at[j].0 += dx * push;
                at[j].1 += dy * push;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

/// Moves each component (its members in `components`) so that their boxes
/// sit in rows, in the given order, an EDGE apart, the rows about as wide
/// as [`ASPECT`] times the whole's height (a page's graph is wider than
/// high).
fn pack(components: &[Vec<usize>], positions: &mut [(f64, f64)]) {
    let boxes: Vec<(f64, f64, f64, f64)> = components
        .iter()
        .map(|c| {
            c.iter().fold(
                (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
                |(x0, y0, x1, y1), &m| {
                    let (x, y) = positions[m];
                    (x0.min(x), y0.min(y), x1.max(x), y1.max(y))
                },
            )
        })
        .collect();
    let area: f64 = boxes
        .iter()
        .map(|b| (b.2 - b.0 + EDGE) * (b.3 - b.1 + EDGE))
        .sum();
    let widest = boxes.iter().map(|b| b.2 - b.0 + EDGE).fold(0.0, f64::max);
    let width = (area * ASPECT).sqrt().max(widest);
    let (mut x, mut y, mut row) = (0.0, 0.0, 0.0_f64);
    for (members, b) in components.iter().zip(&boxes) {
        let (w, h) = (b.2 - b.0 + EDGE, b.3 - b.1 + EDGE);
        if x > 0.0 && x + w > width {
            (x, y, row) = (0.0, y + row, 0.0);
        }
        for &m in members {
            positions[m].0 += x - b.0;
            positions[m].1 += y - b.1;
        }
        x += w;
        row = row.max(h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
    }

    /// A hub linked to `leaves` nodes, the leaves in groups of five linked
    /// among themselves, and two separate pairs.
    fn star(leaves: usize) -> (usize, Vec<(usize, usize)>) {
        let mut edges: Vec<(usize, usize)> = (1..=leaves).map(|i| (0, i)).collect();
        edges.extend((1..leaves).filter(|i| i % 5 != 0).map(|i| (i, i + 1)));
        edges.extend([(leaves + 1, leaves + 2), (leaves + 3, leaves + 4)]);
        (leaves + 5, edges)
    }

    #[test]
    fn the_same_graph_gives_the_same_picture() {
        let (n, edges) = star(60);
        assert_eq!(lay_out(n, &edges, Some(0)), lay_out(n, &edges, Some(0)));
    }

    #[test]
    fn nodes_are_spread_and_linked_ones_near() {
        let closest = |at: &[(f64, f64)]| {
            let mut least = f64::MAX;
            for i in 0..at.len() {
                for j in i + 1..at.len() {
                    least = least.min(distance(at[i], at[j]));
                }
            }
            least
        };
        // Every pair of 16 nodes linked: the forces alone pack them tight.
        let dense: Vec<(usize, usize)> = (0..16)
            .flat_map(|i| (i + 1..16).map(move |j| (i, j)))
            .collect();
        let d = closest(&lay_out(16, &dense, None));
        assert!(d > 0.5 * EDGE, "two nodes {d} apart");
        let (n, edges) = star(200);
        let at = lay_out(n, &edges, Some(0));
        let d = closest(&at);
        assert!(d > 0.5 * EDGE, "two nodes {d} apart");
        // A leaf is nearer the next leaf of its group than the average pair.
        let linked: f64 = (1..200)
            .filter(|i| i % 5 != 0)
            .map(|i| distance(at[i], at[i + 1]))
            .sum::<f64>()
            / 160.0;
        let any: f64 = (1..200).map(|i| distance(at[i], at[201 - i])).sum::<f64>() / 199.0;
        assert!(linked < 0.5 * any, "linked {linked}, any {any}");
    }

    #[test]
    fn the_centre_is_in_the_middle_of_its_component() {
        let (n, edges) = star(100);
        let at = lay_out(n, &edges, Some(0));
        let (sx, sy) = (1..=100).fold((0.0, 0.0), |(x, y), i| (x + at[i].0, y + at[i].1));
        let middle = (sx / 100.0, sy / 100.0);
        assert!(distance(at[0], middle) < EDGE, "{:?} vs {middle:?}", at[0]);
    }

    #[test]
    fn components_do_not_overlap() {
        let (n, edges) = star(40);
        let at = lay_out(n, &edges, None);
        let box_of = |m: &[usize]| {
            m.iter()
                .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |b, &i| {
                    (
                        b.0.min(at[i].0),
                        b.1.min(at[i].1),
                        b.2.max(at[i].0),
                        b.3.max(at[i].1),
                    )
                })
        };
        let parts = [
            box_of(&(0..=40).collect::<Vec<_>>()),
            box_of(&[41, 42]),
            box_of(&[43, 44]),
        ];
        for (i, a) in parts.iter().enumerate() {
            for b in &parts[i + 1..] {
                let apart = a.2 < b.0 || b.2 < a.0 || a.3 < b.1 || b.3 < a.1;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn small_and_odd_inputs() {
        assert!(lay_out(0, &[], None).is_empty());
        assert_eq!(lay_out(1, &[], Some(0)).len(), 1);
        // Loops, repeats, reversed pairs and out-of-range ends are ignored.
        let at = lay_out(3, &[(0, 0), (0, 1), (1, 0), (1, 2), (2, 9)], Some(7));
        assert_eq!(at.len(), 3);
        assert!(at.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
    }
}
