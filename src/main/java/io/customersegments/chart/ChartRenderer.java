package io.customersegments.chart;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jfree.chart.JFreeChart;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.customersegments.run.ClusteredData;
import io.customersegments.run.Runs;

/**
 * Renders charts on a small pool of its own ({@code segmentation.charts.concurrent-renders} threads,
 * a bounded queue behind them, 503 beyond), so however many chart requests arrive, only that many
 * charts (and the run data they read) are in memory at once. Every chart is rendered once: concurrent
 * requests for it share the render, later ones the cached bytes. The charts of one run share one load
 * of its clustered data.
 */
@Component
class ChartRenderer implements DisposableBean {

    private final ExecutorService renders;

    private final AsyncCache<String, byte[]> charts;

    private final Cache<Long, ClusteredData> runData;

    private final Runs runs;

    private final Counter rendered;

    ChartRenderer(ChartSettings settings, Runs runs, MeterRegistry meters) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("chart-render-");
        threads.setDaemon(true);
        this.renders = new ThreadPoolExecutor(settings.concurrentRenders(), settings.concurrentRenders(), 0,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(settings.queuedRenders()), threads);
        // Finished runs and stored datasets never change, so their charts are kept (least recently used out).
        this.charts = Caffeine.newBuilder()
            .maximumWeight(settings.cacheSize().toBytes())
            .<String, byte[]>weigher((key, bytes) -> bytes.length)
            .buildAsync();
        // One run's data at a time, briefly: enough for the charts a page asks for together.
        this.runData = Caffeine.newBuilder().maximumSize(1).expireAfterAccess(settings.runDataTtl()).build();
        this.runs = runs;
        this.rendered = Counter.builder("segmentation.charts.rendered")
            .description("Charts rendered (not served from the cache)")
            .register(meters);
    }

    /** The chart's bytes in the format, rendered at most once per key and format. */
    byte[] chart(String key, ChartFormat format, Supplier<JFreeChart> draw) {
        try {
            // Rendered on the pool (Caffeine's own upkeep stays on its executor and takes no renderer).
            return charts.get(key + "." + format, (cacheKey, upkeep) -> CompletableFuture.supplyAsync(() -> {
                byte[] bytes = format.render(draw.get(), key);
                rendered.increment();
                return bytes;
            }, renders)).join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (ex.getCause() instanceof Error error) {
                throw error;
            }
            throw ex;
        }
        catch (RejectedExecutionException ex) {
            throw new ChartsBusyException();
        }
    }

    /** A succeeded run's clustered data, loaded once for the charts drawn from it together. */
    ClusteredData clusteredData(long runId) {
        return runData.get(runId, runs::clusteredData);
    }

    @Override
    public void destroy() {
        renders.shutdownNow();
    }

}
