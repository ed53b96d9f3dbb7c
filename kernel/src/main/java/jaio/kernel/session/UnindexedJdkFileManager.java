package jaio.kernel.session;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

/**
 * The compiler's file manager, unchanged for the compiler, with the JDK's runtime image hidden from
 * JShell's class-name index.
 *
 * <p>JShell's source analysis starts a background thread, when it is first used, that walks every
 * class file of the platform class path ({@code lib/modules}: about 28 000 classes) to index simple
 * names (for "import suggestions", which the kernel does not offer) and package names (for
 * completing {@code java.ut}). The index and the runtime-image directory nodes the walk leaves cached
 * in the JDK's shared image reader stay for the life of the kernel: 16 MB of the kernel's 36 MB live
 * heap, and CPU while the kernel starts. The walk finds its paths through
 * {@link #getLocationAsPaths}; only that answer changes, and only for
 * {@link StandardLocation#PLATFORM_CLASS_PATH}: javac finds the JDK's classes through the system
 * modules location, which is forwarded untouched, and the user's class path is still indexed.
 * Package names of the JDK come from {@link PackageNames} instead.
 */
final class UnindexedJdkFileManager extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {

    UnindexedJdkFileManager(StandardJavaFileManager fileManager) {
        super(fileManager);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return location == StandardLocation.PLATFORM_CLASS_PATH ? List.of() : fileManager.getLocationAsPaths(location);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory f) {
        fileManager.setPathFactory(f);
    }
}
