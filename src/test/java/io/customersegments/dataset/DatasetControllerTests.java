package io.customersegments.dataset;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.customersegments.web.WebSettings;

/**
 * The upload controller alone (a web slice: no database): how it reads its parameters, which problems
 * it answers before the dataset module is asked for anything, and the filters in front of it.
 */
@WebMvcTest(DatasetController.class)
@Import(UploadSlots.class)
@EnableConfigurationProperties({ UploadSettings.class, WebSettings.class })
class DatasetControllerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UploadSlots slots;

    @MockitoBean
    Datasets datasets;

    @Test
    void refusesUnknownOptionsBeforeReadingTheBody() throws Exception {
        mvc.perform(post("/api/datasets?kind=ORDERS").contentType("text/csv").content("id,x\n1,2\n"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value("/problems/invalid-parameter"))
            .andExpect(jsonPath("$.parameter").value("kind"));
        mvc.perform(post("/api/datasets?delimiter=x").contentType("text/csv").content("id,x\n1,2\n"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.parameter").value("delimiter"));
        mvc.perform(post("/api/datasets?encoding=klingon").contentType("text/csv").content("id,x\n1,2\n"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.parameter").value("encoding"));
        verify(datasets, never()).upload(any(), any());
    }

    @Test
    void boundsPageNumbersAndSizes() throws Exception {
        mvc.perform(get("/api/datasets?page=100001")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/datasets?size=0")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/datasets/1/customers?size=1001")).andExpect(status().isBadRequest());
    }

    @Test
    void passesForceOnToTheDeletion() throws Exception {
        mvc.perform(delete("/api/datasets/7?force=true")).andExpect(status().isNoContent());
        mvc.perform(delete("/api/datasets/8")).andExpect(status().isNoContent());

        verify(datasets).delete(7, true);
        verify(datasets).delete(8, false);
    }

    @Test
    void answers503WithRetryAfterWhenEveryUploadSlotIsTaken() throws Exception {
        List<UploadSlots.Slot> taken = new ArrayList<>();
        try {
            while (slots.inUse() < 4) {
                taken.add(slots.acquire());
            }
            mvc.perform(post("/api/datasets").contentType("text/csv").content("id,x\n1,2\n"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "10"))
                .andExpect(jsonPath("$.type").value("/problems/uploads-busy"));
        }
        finally {
            taken.forEach(UploadSlots.Slot::close);
        }
        verify(datasets, never()).upload(any(), any());
    }

    @Test
    void refusesACrossSiteUploadAndSendsSecurityHeaders() throws Exception {
        mvc.perform(post("/api/datasets").contentType("text/plain").header("Origin", "http://evil.example")
            .content("id,x\n1,2\n"))
            .andExpect(status().isForbidden())
            .andExpect(jsonPath("$.type").value("/problems/cross-site-request"))
            .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        verify(datasets, never()).upload(any(), any());
    }

}
