package io.customersegments.chart;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.springframework.http.MediaType;

/** How a chart is delivered: SVG (the default) or PNG. */
enum ChartFormat {

    SVG(MediaType.valueOf("image/svg+xml")), PNG(MediaType.IMAGE_PNG);

    static final int WIDTH = 900;

    static final int HEIGHT = 560;

    private final MediaType mediaType;

    ChartFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** PNG when asked by ?format=png or an Accept header that prefers image/png; SVG otherwise. */
    static ChartFormat of(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "png" -> PNG;
                case "svg" -> SVG;
                default -> throw new InvalidChartParameterException("format", "format must be svg or png, not \""
                        + format + "\".");
            };
        }
        return accept != null && accept.contains("image/png") && !accept.contains("image/svg+xml") ? PNG : SVG;
    }

    byte[] render(JFreeChart chart) {
        if (this == SVG) {
            SVGGraphics2D graphics = new SVGGraphics2D(WIDTH, HEIGHT);
            // A fixed prefix for clip-path ids keeps the same chart byte-for-byte the same.
            graphics.setDefsKeyPrefix("chart");
            chart.draw(graphics, new Rectangle(WIDTH, HEIGHT));
            return graphics.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        }
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return png.toByteArray();
    }

}
