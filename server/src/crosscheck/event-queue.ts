/**
 * The simulations' pending events, earliest first: a binary heap. Events at the same time leave in
 * the order they were scheduled, so a run never depends on how the heap happens to break ties.
 */

interface Entry<T> {
    time: number;
    order: number;
    event: T;
}

export class EventQueue<T> {
    private readonly heap: Entry<T>[] = [];
    private scheduled = 0;

    get size(): number {
        return this.heap.length;
    }

    /** The time of the earliest event (Infinity when none is pending). */
    peekTime(): number {
        return this.heap.length > 0 ? this.heap[0].time : Infinity;
    }

    push(time: number, event: T): void {
        const heap = this.heap;
        const entry = { time, order: this.scheduled++, event };
        let at = heap.length;
        heap.push(entry);
        while (at > 0) {
            const parent = (at - 1) >> 1;
            if (!earlier(entry, heap[parent])) break;
            heap[at] = heap[parent];
            at = parent;
        }
        heap[at] = entry;
    }

    /** Removes and returns the earliest event; undefined when none is pending. */
    pop(): { time: number; event: T } | undefined {
        const heap = this.heap;
        if (heap.length === 0) return undefined;
        const top = heap[0];
        const last = heap.pop()!;
        if (heap.length > 0) {
            let at = 0;
            for (;;) {
                const left = 2 * at + 1;
                if (left >= heap.length) break;
                const right = left + 1;
                const child = right < heap.length && earlier(heap[right], heap[left]) ? right : left;
                if (!earlier(heap[child], last)) break;
                heap[at] = heap[child];
                at = child;
            }
            heap[at] = last;
        }
        return { time: top.time, event: top.event };
    }
}

function earlier<T>(a: Entry<T>, b: Entry<T>): boolean {
    return a.time < b.time || (a.time === b.time && a.order < b.order);
}
