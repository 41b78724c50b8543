//! The calendar side of spreading, worked out once per span: the periods
//! each level of the descent cuts a span into, and their days.
//!
//! Why: the periods and days depend only on the span, the rule and how
//! deep the descent goes, not on the amount, and a tracker's pledges fall
//! mostly on few distinct spans (whole years and quarters). Cutting a span
//! asks the calendar for every period's first and last days; a kept plan
//! leaves only the arithmetic of splitting each amount. The plans lie in
//! one arena, so keeping one allocates nothing once the arena has grown.

use super::{LEVELS, SpreadRule};
use crate::hash::FastMap;
use crate::{Error, Period};

/// Plans, each a tree of nodes: a node is a period (the span, or a period
/// one level down from its parent), and the children of a node lie
/// together, in time order, so that their weights are one slice for the
/// split.
#[derive(Debug, Default)]
pub(super) struct Plans {
    periods: Vec<Period>,
    /// Each node's days: its weight among its siblings (a span's is not
    /// used).
    weights: Vec<u64>,
    /// Where each node's children lie; empty for the last level.
    children: Vec<(usize, usize)>,
    /// The first node of each kept plan, by what it was made for.
    kept: FastMap<(Period, SpreadRule, usize), usize>,
    /// The nodes of the kept plans: those before this. A plan made but
    /// not kept lies after them until the next is asked for.
    kept_nodes: usize,
}

/// How many nodes the kept plans may have in all (a little past it, then
/// none): enough for hundreds of distinct spans, little memory beside a
/// job's pieces.
const KEPT_NODES: usize = 1 << 12;

/// The largest plan kept: a larger one (a span of many years cut finely)
/// is made again each time, at a cost in proportion to the pieces it
/// gives.
const LARGEST_KEPT: usize = KEPT_NODES / 16;

impl Plans {
    /// The first node of the plan of `span` cut by `rule` down through the
    /// first `depth` units of the descent (years, halves, quarters,
    /// months). The plan lasts until the next is asked for.
    ///
    /// # Errors
    ///
    /// As [`Period::containing`], for a span whose start lies in no period
    /// of a unit (which no valid span does).
    pub(super) fn of(
        &mut self,
        rule: SpreadRule,
        span: Period,
        depth: usize,
    ) -> Result<usize, Error> {
        let depth = depth.min(LEVELS.len());
        if self.kept_nodes > KEPT_NODES {
            // All of them go: spans that recur are soon kept again.
            self.kept.clear();
            self.kept_nodes = 0;
        }
        self.forget_unkept();
        let key = (span, rule, depth);
        if let Some(root) = self.kept.get(&key) {
            return Ok(*root);
        }
        let root = self.make(rule, span, depth)?;
        if self.periods.len() - root <= LARGEST_KEPT {
            self.kept_nodes = self.periods.len();
            self.kept.insert(key, root);
        }
        Ok(root)
    }

    /// Drops the plan made but not kept, if any.
    fn forget_unkept(&mut self) {
        self.periods.truncate(self.kept_nodes);
        self.weights.truncate(self.kept_nodes);
        self.children.truncate(self.kept_nodes);
    }

    /// Cuts `span` by `rule` down through `depth` units, a level at a time,
    /// into new nodes after the others; the first of them.
    fn make(&mut self, rule: SpreadRule, span: Period, depth: usize) -> Result<usize, Error> {
        let Plans {
            periods,
            weights,
            children,
            ..
        } = self;
        let root = periods.len();
        periods.push(span);
        weights.push(0);
        children.push((0, 0));
        let mut level = root..root + 1;
        for unit in &LEVELS[..depth] {
            let next = periods.len();
            for node in level {
                let from = periods.len();
                let period = periods[node];
                match rule {
                    // Only the first period gets anything, and a split
                    // with the other weights zero gives it what a split of
                    // one part does: the periods after it are never made.
                    SpreadRule::AtStart => {
                        let first = Period::containing(period.start(), *unit)?
                            .intersection(&period)
                            .unwrap_or(period);
                        periods.push(first);
                        weights.push(1);
                    }
                    SpreadRule::EvenlyByDays => period.cut(*unit, |piece, days| {
                        periods.push(piece);
                        weights.push(days);
                    }),
                }
                children[node] = (from, periods.len());
                children.resize(periods.len(), (0, 0));
            }
            level = next..periods.len();
        }
        Ok(root)
    }

    /// The period of `node`.
    pub(super) fn period(&self, node: usize) -> Period {
        self.periods[node]
    }

    /// The first child of `node`, and the weights of its children.
    pub(super) fn children(&self, node: usize) -> (usize, &[u64]) {
        let (from, to) = self.children[node];
        (from, &self.weights[from..to])
    }
}
