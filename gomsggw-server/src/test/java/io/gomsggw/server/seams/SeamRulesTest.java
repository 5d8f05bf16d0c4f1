package io.gomsggw.server.seams;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seams of DESIGN.md hold in the main code, and each kind of rule fails on code that breaks it. */
class SeamRulesTest {
    private static final String FIXTURE = "io.gomsggw.server.seams.fixture";

    @Test
    void theGatewaysMainCodeKeepsEverySeam() {
        // main classes of the gateway's own modules, whether the reactor gives them as directories or jars
        JavaClasses gateway = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> location.contains("/gomsggw-") && !location.contains("-tests.jar"))
                .importPackages("io.gomsggw");
        assertThat(gateway.size())
                .as("classes of every module on the class path")
                .isGreaterThan(400);
        for (String module : List.of("core", "smpp", "mm4", "http", "transcode", "carriers", "server")) {
            assertThat(gateway.stream().anyMatch(c -> c.getPackageName().startsWith("io.gomsggw." + module + ".")))
                    .as(module)
                    .isTrue();
        }
        for (ArchRule rule : SeamRules.all("io.gomsggw")) {
            rule.check(gateway);
        }
    }

    private static JavaClasses fixture() {
        return new ClassFileImporter().importPackages(FIXTURE);
    }

    private static EvaluationResult evaluate(ArchRule rule) {
        return rule.evaluate(fixture());
    }

    @Test
    void coreImportingAProtocolModuleBreaksTheBuild() {
        EvaluationResult result = evaluate(SeamRules.coreImportsNoProtocolNettyOrJackson(FIXTURE));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("CoreThatKnowsSmpp")
                .contains("SmppThing");
    }

    @Test
    void aModuleImportingAnotherModuleBreaksTheBuild() {
        EvaluationResult result = evaluate(SeamRules.moduleImportsOnlyCoreAndItself(FIXTURE, "http"));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("HttpThatKnowsSmpp");
        assertThat(evaluate(SeamRules.moduleImportsOnlyCoreAndItself(FIXTURE, "smpp"))
                        .hasViolation())
                .isFalse();
    }

    @Test
    void aPackageCycleBreaksTheBuild() {
        EvaluationResult result = evaluate(SeamRules.noPackageCycles(FIXTURE));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Cycle");
    }

    @Test
    void aCodecImportingTheStoreBreaksTheBuild() {
        EvaluationResult result = evaluate(SeamRules.codecIsPure(FIXTURE, "smpp.pdu"));
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("PduThatStores")
                .contains("StoreThing");
        assertThat(evaluate(SeamRules.codecIsPure(FIXTURE, "smpp.charset")).hasViolation())
                .isFalse();
    }
}
