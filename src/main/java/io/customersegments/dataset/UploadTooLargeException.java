package io.customersegments.dataset;

import org.springframework.util.unit.DataSize;

import io.customersegments.web.ProblemException;

/** The upload is larger than the configured maximum. */
class UploadTooLargeException extends ProblemException {

    public UploadTooLargeException(DataSize limit) {
        super(413, "upload-too-large", "The upload is too large",
                "Uploads are limited to " + limit.toBytes() + " bytes (" + limit.toMegabytes()
                        + " MB; setting segmentation.upload.max-size). Split the file or raise the limit.");
        with("maxBytes", limit.toBytes());
    }

}
