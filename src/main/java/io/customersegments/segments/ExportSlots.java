package io.customersegments.segments;

import org.springframework.stereotype.Component;

import io.customersegments.web.Slots;

/**
 * Bounds the CSV exports streaming at once ({@code segmentation.segments.max-concurrent-exports}): each holds a
 * database connection (and a read of the run's assignments) for as long as its client takes to read.
 */
@Component
class ExportSlots extends Slots {

    ExportSlots(SegmentsSettings settings) {
        super(settings.maxConcurrentExports(), () -> new ExportsBusyException(settings.maxConcurrentExports()));
    }

}
