package org.ftgan.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ftgan.workflows.experiment.SearchBook;
import org.ftgan.workflows.experiment.SearchState;
import org.junit.jupiter.api.Test;

class SearchBookTest {
    @Test
    void runsAreObservedInTheOrderTheyEndAndTheOrderRidesAcrossExecutions() {
        SearchBook book = new SearchBook(4, SearchState.NEW);
        book.started("e-r0000", 0);
        book.started("e-r0001", 1);
        book.finished("e-r0001");
        book.finished("e-r0000");
        // a run this book did not start (a retry's, another execution's) is not observed twice
        book.finished("e-r0000");
        book.finished("e-r0009");
        assertEquals(List.of(1, 0), book.finishedInOrder());

        SearchBook next = new SearchBook(book.points(), book.state());
        next.started("e-r0002", 2);
        next.finished("e-r0002");
        assertEquals(List.of(1, 0, 2), next.finishedInOrder());
    }

    @Test
    void pointsAskedForCountOnlyOnceAdded() {
        SearchBook book = new SearchBook(4, SearchState.NEW);
        book.requestMore(2);
        book.requestMore(0);
        book.requestMore(-3);
        book.requestMore(1);
        assertEquals(4, book.points());
        assertEquals(3, book.pendingAdditions());
        assertEquals(7, book.addPending());
        assertEquals(0, book.pendingAdditions());
        assertEquals(7, book.points());
    }
}
