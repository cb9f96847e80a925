package io.customersegments;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;

import org.springframework.web.ErrorResponse;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Module boundaries: no cycles between the feature packages, each depends only on the modules below it,
 * and the clustering math stands alone (ddd-by-examples' NoSpringInDomainLogicTest).
 */
@AnalyzeClasses(packages = "io.customersegments", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final Set<String> FILE_IO = Set.of("java.io.File", "java.io.FileInputStream",
            "java.io.FileOutputStream", "java.io.FileReader", "java.io.FileWriter", "java.io.RandomAccessFile",
            "java.io.FileDescriptor", "java.io.PrintWriter", "java.io.PrintStream");

    @ArchTest
    static final ArchRule modulesAreFreeOfCycles = slices().matching("io.customersegments.(*)..")
        .should()
        .beFreeOfCycles()
        .because("a module that uses another is never used by it, directly or around a loop");

    @ArchTest
    static final ArchRule webDependsOnNoFeature = noClasses().that()
        .resideInAPackage("io.customersegments.web..")
        .should()
        .dependOnClassesThat(resideInAnyPackage("io.customersegments.dataset..", "io.customersegments.clustering..",
                "io.customersegments.run..", "io.customersegments.chart..", "io.customersegments.segments..",
                "io.customersegments.profile..", "io.customersegments.preparation.."))
        .because("web holds cross-cutting pieces the features use, never the other way round");

    @ArchTest
    static final ArchRule accessAndInstancesKnowNoDomain = noClasses().that()
        .resideInAnyPackage("io.customersegments.security..", "io.customersegments.cluster..")
        .should()
        .dependOnClassesThat(resideInAnyPackage("io.customersegments.dataset..", "io.customersegments.clustering..",
                "io.customersegments.run..", "io.customersegments.chart..", "io.customersegments.segments..",
                "io.customersegments.profile..", "io.customersegments.preparation..", "io.customersegments.lifetime..",
                "io.customersegments.rfm..", "io.customersegments.expression.."))
        .because("keys, roles, the audit and the instances' notifications serve every module and know none");

    @ArchTest
    static final ArchRule binaryCopyKnowsNoFeature = noClasses().that()
        .resideInAPackage("io.customersegments.copy..")
        .should()
        .dependOnClassesThat(resideInAnyPackage("io.customersegments.dataset..", "io.customersegments.run..",
                "io.customersegments.chart..", "io.customersegments.segments..", "io.customersegments.clustering..",
                "io.customersegments.lifetime..", "io.customersegments.activation..", "io.customersegments.webhook.."))
        .because("PostgreSQL's binary COPY format is infrastructure that datasets and runs both write with");

    @ArchTest
    static final ArchRule sparkKnowsNoFeature = noClasses().that()
        .resideInAPackage("io.customersegments.spark..")
        .should()
        .dependOnClassesThat(resideInAPackage("io.customersegments..")
            .and(resideOutsideOfPackage("io.customersegments.spark..")))
        .because("the Spark engine starts a job and reads its centres; runs decide what to ask of it and use what it "
                + "found");

    @ArchTest
    static final ArchRule datasetsKnowNothingOfWhatIsBuiltOnThem = noClasses().that()
        .resideInAPackage("io.customersegments.dataset..")
        .should()
        .dependOnClassesThat(resideInAnyPackage("io.customersegments.run..", "io.customersegments.chart..",
                "io.customersegments.clustering..", "io.customersegments.segments..", "io.customersegments.lifetime.."))
        .because("runs, charts and lifetime value are built on datasets; datasets hear of them only through "
                + "DatasetDependents");

    @ArchTest
    static final ArchRule lifetimeValueIsBuiltOnDatasetsAlone = noClasses().that()
        .resideInAPackage("io.customersegments.lifetime..")
        .should()
        .dependOnClassesThat(resideInAnyPackage("io.customersegments.run..", "io.customersegments.chart..",
                "io.customersegments.segments..", "io.customersegments.clustering..", "io.customersegments.profile.."))
        .because("lifetime value reads purchase histories and writes columns through the Datasets facade");

    @ArchTest
    static final ArchRule runsKnowNothingOfTheirReaders = noClasses().that()
        .resideInAPackage("io.customersegments.run..")
        .should()
        .dependOnClassesThat(resideInAnyPackage("io.customersegments.chart..", "io.customersegments.segments.."))
        .because("charts and the live segments read what runs produced, through RunResults and RunResultsChanged");

    @ArchTest
    static final ArchRule publishingKnowsNothingOfWhoListens = noClasses().that()
        .resideInAnyPackage("io.customersegments.run..", "io.customersegments.segments..", "io.customersegments.dataset..")
        .should()
        .dependOnClassesThat(resideInAPackage("io.customersegments.activation.."))
        .because("membership changes are written by the activation module when it hears RunPublished");

    @ArchTest
    static final ArchRule eventsKnowNothingOfWhereTheyAreSent = noClasses().that()
        .resideInAnyPackage("io.customersegments.run..", "io.customersegments.segments..", "io.customersegments.dataset..",
                "io.customersegments.activation..")
        .should()
        .dependOnClassesThat(resideInAPackage("io.customersegments.webhook.."))
        .because("webhooks write their outbox when they hear RunFailed and SegmentChangesWritten");

    @ArchTest
    static final ArchRule preparationAndProfilesKnowNoRuns = noClasses().that()
        .resideInAnyPackage("io.customersegments.preparation..", "io.customersegments.profile..")
        .should()
        .dependOnClassesThat(resideInAnyPackage("io.customersegments.run..", "io.customersegments.chart..",
                "io.customersegments.segments.."))
        .because("runs prepare their features and describe their segments through these modules, not the reverse");

    @ArchTest
    static final ArchRule preparationIsBelowProfiles = noClasses().that()
        .resideInAPackage("io.customersegments.preparation..")
        .should()
        .dependOnClassesThat(resideInAPackage("io.customersegments.profile.."))
        .because("profiles read prepared data; preparation knows nothing of profiles");

    @ArchTest
    static final ArchRule domainExceptionsAreNoWebTypes = noClasses().that()
        .areAssignableTo(RuntimeException.class)
        .and()
        .resideOutsideOfPackage("io.customersegments.web..")
        .should()
        .beAssignableTo(ErrorResponse.class)
        .because("domain exceptions stay plain; web maps them to problem responses");

    @ArchTest
    static final ArchRule clusteringUsesNoFrameworkPersistenceOrLogging = noClasses().that()
        .resideInAPackage("io.customersegments.clustering..")
        .should()
        .dependOnClassesThat(resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..",
                "java.sql..", "javax.sql..", "java.nio.file..", "java.net..", "org.slf4j..", "java.util.logging..",
                "org.apache.commons.logging..", "org.apache.logging.."))
        .because("the clustering module is pure math: double[] in, immutable records out");

    @ArchTest
    static final ArchRule clusteringDoesNoFileIo = noClasses().that()
        .resideInAPackage("io.customersegments.clustering..")
        .should()
        .dependOnClassesThat(describe("are file or print streams", (JavaClass target) -> FILE_IO.contains(target.getName())))
        .because("the clustering module never reads or writes files");

    @ArchTest
    static final ArchRule expressionsOnlyCompute = noClasses().that()
        .resideInAPackage("io.customersegments.expression..")
        .should()
        .dependOnClassesThat(resideInAnyPackage("io.customersegments..", "java.lang.reflect..", "java.lang.invoke..",
                "java.io..", "java.nio..", "java.net..", "org.springframework..")
            .and(resideOutsideOfPackage("io.customersegments.expression..")))
        .orShould()
        .dependOnClassesThat(describe("are Class, ClassLoader, Runtime, ProcessBuilder or Thread",
                (JavaClass target) -> Set.of("java.lang.Class", "java.lang.ClassLoader", "java.lang.Runtime",
                        "java.lang.ProcessBuilder", "java.lang.Thread").contains(target.getName())))
        .because("a derived feature's formula only computes: it can reach no method, file, network or other module");

    @ArchTest
    static final ArchRule clusteringDoesNotPrint = noClasses().that()
        .resideInAPackage("io.customersegments.clustering..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .because("the clustering module reports through its results, never by printing");

    @ArchTest
    static final ArchRule clusteringDependsOnNoOtherModule = noClasses().that()
        .resideInAPackage("io.customersegments.clustering..")
        .should()
        .dependOnClassesThat(resideInAPackage("io.customersegments..")
            .and(resideOutsideOfPackage("io.customersegments.clustering..")))
        .because("the other modules use clustering, never the other way round");

}
