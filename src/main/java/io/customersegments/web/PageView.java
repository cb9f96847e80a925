package io.customersegments.web;

import java.util.List;

/**
 * One page of a list.
 *
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param totalElements items in the whole list
 * @param totalPages pages in the whole list
 */
public record PageView<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    /** The highest page number a list accepts: with the largest page size, offsets stay within an int. */
    public static final int MAX_PAGE = 100_000;

    public static <T> PageView<T> of(List<T> content, int page, int size, long totalElements) {
        return new PageView<>(content, page, size, totalElements, (int) ((totalElements + size - 1) / size));
    }

}
