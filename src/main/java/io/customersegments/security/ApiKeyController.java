package io.customersegments.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.customersegments.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Access", description = "API keys, roles and the audit of changes")
class ApiKeyController {

    private final ApiKeys keys;

    private final AuditLog audit;

    private final SecuritySettings settings;

    ApiKeyController(ApiKeys keys, AuditLog audit, SecuritySettings settings) {
        this.keys = keys;
        this.audit = audit;
        this.settings = settings;
    }

    @PostMapping("/api/keys")
    @Operation(operationId = "createApiKey", summary = "Make an API key (ADMIN); its secret is answered this once",
            description = "Store the secret where the client keeps credentials: the service keeps only its hash.")
    @ApiResponse(responseCode = "201", description = "Made; the answer holds the secret")
    @ApiResponse(responseCode = "400", description = "A name, role or expiry that is not valid",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<ApiKeys.NewKey> create(@Valid @RequestBody KeyRequest request,
            @AuthenticationPrincipal KeyHolder by) {
        ApiKeys.NewKey made = keys.create(request.name().strip(), request.role(), request.expiresAt(),
                request.requestsPerSecond(), by == null ? null : by.name());
        return ResponseEntity
            .created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(made.key().id())
                .toUri())
            .body(made);
    }

    @GetMapping("/api/keys")
    @Operation(operationId = "listApiKeys", summary = "List the API keys, without their secrets (ADMIN)")
    @ApiResponse(responseCode = "200", description = "A page of keys", useReturnTypeSchema = true)
    PageView<ApiKeyView> list(@RequestParam(defaultValue = "0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return keys.list(page, size);
    }

    @GetMapping("/api/keys/current")
    @Operation(operationId = "getCurrentApiKey", summary = "The key this request was made with: its name and role")
    @ApiResponse(responseCode = "200", description = "The key", useReturnTypeSchema = true)
    CurrentKey current(@AuthenticationPrincipal KeyHolder key) {
        return new CurrentKey(key.name(), key.role(), key.expiresAt(), settings.enabled());
    }

    @DeleteMapping("/api/keys/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key at once, on every instance (ADMIN)")
    @ApiResponse(responseCode = "204", description = "Revoked (it stays listed, with revokedAt)")
    @ApiResponse(responseCode = "404", description = "No such key", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "It is the last ADMIN key that is neither revoked nor expired",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Void> revoke(@PathVariable long id) {
        if (!keys.revoke(id)) {
            throw new KeyNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/audit")
    @Operation(operationId = "listAuditEntries", summary = "The audit of changes, newest first (ADMIN)",
            description = "Uploads, runs, publishes, deletes and key changes, with the key that made them, and the "
                    + "changes a key's role refused (status 403).")
    @ApiResponse(responseCode = "200", description = "A page of entries", useReturnTypeSchema = true)
    PageView<AuditEntry> audit(@RequestParam(defaultValue = "0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int size) {
        return audit.list(page, size);
    }

}
