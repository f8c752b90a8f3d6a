/// One page read ahead: asked for as soon as the page before it arrived, taken when the work of that page is
/// handed out, so the jobs never wait for the next page.
struct PageReadAhead<Page: Sendable> {
    private var pending: Task<Result<Page, any Error>, Never>?

    /// Whether a page is being read (or was read and not yet taken).
    var isPending: Bool { pending != nil }

    /// Starts reading a page with `read`.
    mutating func start(_ read: @escaping @Sendable () async throws -> Page) {
        pending?.cancel()
        pending = Task {
            do {
                return .success(try await read())
            } catch {
                return .failure(error)
            }
        }
    }

    /// The page started last, once it arrived; cancelling the caller cancels the read. Nil when none started.
    mutating func take() async -> Result<Page, any Error>? {
        guard let task = pending else { return nil }
        pending = nil
        return await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
    }

    /// Stops the read under way, if any.
    mutating func cancel() {
        pending?.cancel()
        pending = nil
    }
}
