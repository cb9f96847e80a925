package io.customersegments.security;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

    Optional<ApiKey> findBySecretHash(byte[] secretHash);

    Page<ApiKey> findAllByOrderByIdAsc(Pageable pageable);

    /** Records a key's last use, never moving it back (another instance may have written a later one). */
    @Modifying
    @Query("update ApiKey k set k.lastUsedAt = :at where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :at)")
    int touch(long id, Instant at);

}
