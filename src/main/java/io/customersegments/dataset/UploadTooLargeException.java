package io.customersegments.dataset;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import io.customersegments.web.ProblemException;

/** The upload is larger than the configured maximum. */
public class UploadTooLargeException extends ProblemException {

    public UploadTooLargeException(DataSize limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "upload-too-large", "The upload is too large",
                "Uploads are limited to " + limit.toBytes() + " bytes (" + limit.toMegabytes()
                        + " MB; setting segmentation.upload.max-size). Split the file or raise the limit.");
        with("maxBytes", limit.toBytes());
    }

}
