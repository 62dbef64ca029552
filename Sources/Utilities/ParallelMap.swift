import Foundation
import Synchronization

/// `items.map(transform)` spread over every core, results in the same order.
/// For independent, CPU-heavy steps: parsing lessons, rendering pages.
public func parallelMap<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
    let slots = Mutex<[Result?]>(Array(repeating: nil, count: items.count))
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        let result = transform(items[index])
        slots.withLock { $0[index] = result }
    }
    // Every slot was written once, by its own iteration, before concurrentPerform returned.
    return slots.withLock { $0.map { $0! } }
}
