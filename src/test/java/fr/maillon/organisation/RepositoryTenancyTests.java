package fr.maillon.organisation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;

import fr.maillon.TestUsers;
import fr.maillon.chain.EvaluationDraft;
import fr.maillon.chain.EvaluationScope;
import fr.maillon.chain.EvaluationStatus;
import fr.maillon.chain.internal.EvaluationRepository;
import fr.maillon.organisation.internal.InvitationRepository;
import fr.maillon.organisation.internal.ShareRepository;
import fr.maillon.web.Edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each repository that holds a structure's rows refuses them when asked under another structure. */
@SpringBootTest
class RepositoryTenancyTests {

    @Autowired
    TestUsers users;

    @Autowired
    EvaluationRepository evaluations;

    @Autowired
    ShareRepository shares;

    @Autowired
    InvitationRepository invitations;

    @Autowired
    Clock clock;

    @Test
    void anotherStructuresRowsAreNeitherReadNorChanged() {
        TestUsers.Created a = users.structureWithMember(Role.STRUCTURE_ADMIN);
        TestUsers.Created b = users.structureWithMember(Role.STRUCTURE_ADMIN);
        EvaluationDraft draft = new EvaluationDraft("Évaluation de A", EvaluationScope.PROJET_SOCIAL, null,
                LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), EvaluationStatus.FRAMING);
        long evaluation = evaluations.insert(a.structureId(), draft);

        assertThat(evaluations.find(b.structureId(), evaluation)).isEmpty();
        assertThat(evaluations.find(a.structureId(), evaluation)).isPresent();
        assertThat(evaluations.findByStructure(b.structureId())).isEmpty();
        assertThat(evaluations.update(b.structureId(), evaluation, draft,
                new Edit(null, b.userId(), OffsetDateTime.now(clock)))).isFalse();

        long share = shares.insert(a.structureId(), evaluation, b.structureId(), a.userId());
        assertThat(shares.findActive(b.structureId())).isEmpty();
        assertThat(shares.revoke(b.structureId(), share, b.userId(), clock.instant())).isFalse();
        assertThat(shares.findActive(a.structureId())).hasSize(1);

        long invitation = invitations.insert(a.structureId(), Role.STRUCTURE_VIEWER, "X", "hash-" + System.nanoTime(),
                a.userId(), clock.instant(), clock.instant().plusSeconds(3600));
        assertThat(invitations.findPending(b.structureId(), clock.instant())).isEmpty();
        assertThat(invitations.cancel(b.structureId(), invitation)).isFalse();
        assertThat(invitations.findPending(a.structureId(), clock.instant())).hasSize(1);
    }

    @Test
    void theDatabaseRefusesAShareOfAnotherStructuresEvaluation() {
        TestUsers.Created a = users.structureWithMember(Role.STRUCTURE_ADMIN);
        TestUsers.Created b = users.structureWithMember(Role.STRUCTURE_ADMIN);
        long evaluationOfA = evaluations.insert(a.structureId(), new EvaluationDraft("A", EvaluationScope.PROJET_SOCIAL,
                null, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), EvaluationStatus.FRAMING));
        assertThatThrownBy(
                () -> shares.insert(b.structureId(), evaluationOfA, a.structureId(), b.userId()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}
