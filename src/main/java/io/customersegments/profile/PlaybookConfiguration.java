package io.customersegments.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.json.JsonMapper;

/** Loads the playbook: the file named by segmentation.runs.playbook, else the built-in playbook.yml. */
@Configuration(proxyBeanMethods = false)
class PlaybookConfiguration {

    @Bean
    Playbook playbook(PlaybookSettings settings, JsonMapper json) {
        String location = settings.playbook();
        try (InputStream in = location == null || location.isBlank()
                ? PlaybookConfiguration.class.getResourceAsStream("/playbook.yml") : Files.newInputStream(Path.of(location))) {
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Playbook playbook = json.convertValue(document, Playbook.class);
            if (playbook.concepts() == null || playbook.rules() == null || playbook.fallback() == null) {
                throw new IllegalStateException("The playbook " + (location == null || location.isBlank()
                        ? "playbook.yml" : location) + " needs concepts, rules and fallback");
            }
            return playbook;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the playbook " + location, ex);
        }
    }

}
