package io.customersegments.chart;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.entity.StandardEntityCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.ViewBox;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** How a chart is delivered: SVG (the default) or PNG. */
enum ChartFormat {

    SVG(MediaType.valueOf("image/svg+xml")), PNG(MediaType.IMAGE_PNG);

    static final int WIDTH = 900;

    static final int HEIGHT = 560;

    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);

    private static final Map<String, String> TOOLTIP_GROUP = Map.of("class", "tooltip");

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
        return negotiated(accept);
    }

    /**
     * The format the Accept header prefers by its quality values (media types compared without regard to case, and
     * wildcards matching), SVG on a tie or without a header; none acceptable is 406.
     */
    private static ChartFormat negotiated(String accept) {
        if (accept == null || accept.isBlank()) {
            return SVG;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        }
        catch (InvalidMediaTypeException ex) {
            return SVG;
        }
        ChartFormat best = null;
        double bestQuality = 0;
        for (ChartFormat format : values()) {
            double quality = quality(accepted, format.mediaType);
            if (quality > bestQuality) {
                best = format;
                bestQuality = quality;
            }
        }
        if (best == null) {
            throw new ChartNotAcceptableException(accept);
        }
        return best;
    }

    /** The quality the most specific Accept entry that includes the type gives it; 0 when none does. */
    private static double quality(List<MediaType> accepted, MediaType type) {
        MediaType match = null;
        for (MediaType entry : accepted) {
            if (entry.includes(type) && (match == null || specificity(entry) > specificity(match))) {
                match = entry;
            }
        }
        return match == null ? 0 : match.getQualityValue();
    }

    private static int specificity(MediaType type) {
        return type.isWildcardType() ? 0 : type.isWildcardSubtype() ? 1 : 2;
    }

    /**
     * Draws the chart. In SVG every item with a tooltip gets a transparent hit area carrying the tooltip
     * as its {@code <title>}, which browsers show on hover; {@code id} prefixes the document's defs ids
     * so that several charts can share one page and the same chart always renders to the same bytes.
     */
    byte[] render(JFreeChart chart, String id) {
        if (this == SVG) {
            SVGGraphics2D graphics = new SVGGraphics2D(WIDTH, HEIGHT);
            graphics.setDefsKeyPrefix(id.replaceAll("[^A-Za-z0-9]", "-") + "-");
            // Hundredths of a pixel are finer than any screen; full doubles would triple the document.
            graphics.setGeomDoubleConverter(value -> Double.toString(Math.round(value * 100) / 100.0));
            ChartRenderingInfo info = new ChartRenderingInfo(new StandardEntityCollection());
            chart.draw(graphics, new Rectangle(WIDTH, HEIGHT), info);
            graphics.setPaint(TRANSPARENT);
            EntityCollection entities = info.getEntityCollection();
            for (int e = 0; e < entities.getEntityCount(); e++) {
                ChartEntity entity = entities.getEntity(e);
                String tooltip = entity.getToolTipText();
                if (tooltip != null && !tooltip.isEmpty()) {
                    // A <title> is a tooltip for its parent, so each hit area gets a group of its own.
                    graphics.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, TOOLTIP_GROUP);
                    graphics.setRenderingHint(SVGHints.KEY_ELEMENT_TITLE, tooltip);
                    graphics.fill(entity.getArea().getBounds2D());
                    graphics.setRenderingHint(SVGHints.KEY_END_GROUP, Boolean.TRUE);
                }
            }
            // A viewBox and no fixed size: the chart scales to whatever box a page gives it.
            String svg = graphics.getSVGElement(null, false, new ViewBox(0, 0, WIDTH, HEIGHT), null, null);
            return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg).getBytes(StandardCharsets.UTF_8);
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
