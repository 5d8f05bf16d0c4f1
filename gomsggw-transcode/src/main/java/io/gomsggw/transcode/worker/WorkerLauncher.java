package io.gomsggw.transcode.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a worker process is started: which {@code java}, class path and main class, plus JVM
 * options added after the gateway's own (a later {@code -XX:} option wins).
 *
 * <p>Every worker runs {@code java -Xmx<memory>m -XX:+UseSerialGC -XX:-UsePerfData
 * -XX:+ExitOnOutOfMemoryError -XX:+DisplayVMOutputToStderr
 * -XX:ErrorFile=<tmp>/gomsggw-av-worker-hs_err_pid%p.log -Djava.awt.headless=true
 * -Djava.io.tmpdir=<its own directory> -Dlogback.configurationFile=<the worker's Logback
 * configuration> <options> -cp <class path> <main class> <max request bytes>}: a small JVM that
 * ends on the first {@link OutOfMemoryError} (status 3) and leaves a crash report in the
 * temporary directory of the gateway, not in its working directory.
 *
 * @param java       the {@code java} executable
 * @param classPath  the class path, which must hold this module and Humble Video
 * @param mainClass  {@link AvWorkerMain}, or a stand-in in tests
 * @param jvmOptions further JVM options
 */
public record WorkerLauncher(Path java, String classPath, String mainClass, List<String> jvmOptions) {
    static final String LOGBACK_CONFIGURATION = "io/gomsggw/transcode/worker/worker-logback.xml";

    public WorkerLauncher {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(classPath, "classPath");
        Objects.requireNonNull(mainClass, "mainClass");
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Workers from the same installation as this JVM: its {@code java} ({@code java.home}) and its
     * class path ({@code java.class.path}, the server jar when started with {@code java -jar}).
     * An application whose classes are not on {@code java.class.path} (a nested-jar launcher)
     * builds its own launcher.
     */
    public static WorkerLauncher sameClassPath() {
        return new WorkerLauncher(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"),
                AvWorkerMain.class.getName(),
                List.of());
    }

    /** A copy with another main class. */
    public WorkerLauncher withMainClass(String mainClass) {
        return new WorkerLauncher(java, classPath, mainClass, jvmOptions);
    }

    /** A copy with other further JVM options. */
    public WorkerLauncher withJvmOptions(List<String> jvmOptions) {
        return new WorkerLauncher(java, classPath, mainClass, jvmOptions);
    }

    /** A copy with another class path. */
    public WorkerLauncher withClassPath(String classPath) {
        return new WorkerLauncher(java, classPath, mainClass, jvmOptions);
    }

    /** The command line of a worker whose temporary files go to {@code directory}. */
    List<String> command(AvWorkerSettings settings, Path directory) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx" + settings.memoryMb() + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:-UsePerfData");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:+DisplayVMOutputToStderr");
        command.add(
                "-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "gomsggw-av-worker-hs_err_pid%p.log"));
        command.add("-Djava.awt.headless=true");
        command.add("-Djava.io.tmpdir=" + directory);
        command.add("-Dlogback.configurationFile=" + LOGBACK_CONFIGURATION);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.add(Long.toString(settings.maxRequestBytes()));
        return command;
    }
}
