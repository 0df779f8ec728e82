package dev.fosc.cli.common;

import dev.fosc.cli.record.ProfileConverter;
import dev.fosc.client.FoscCameraProfile;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.codec.FoscCredentials;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One camera to talk to: a name (for folders and event lines), where it is, who logs in and the profile. From the
 * camera options of a command ({@link CameraOptions}) or from a cameras file ({@link CamerasFile}). The password
 * is held but never shown: {@link #toString()} and {@link #displayUrl()} mask it. Immutable.
 *
 * @param name the camera's name ({@code HOST} or {@code HOST:PORT} when it comes from the options)
 * @param host host name or address
 * @param port TCP port
 * @param user user name
 * @param password password (never printed)
 * @param profile camera profile
 */
public record CameraTarget(String name, String host, int port, String user, String password,
                           FoscCameraProfile profile) {

    public CameraTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(profile, "profile");
    }

    /** {@code fosc://user:***@host:port}: where it is, the password masked. */
    public String displayUrl() {
        return "fosc://" + user + ":***@" + hostPort();
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The profile's command-line name. */
    public String profileName() {
        return ProfileConverter.cliName(profile);
    }

    /**
     * Checks that the host name resolves, so that an unknown host is said in words before any session tries.
     *
     * @throws CliException exit {@value ExitCodes#CAMERA}: "cannot resolve camera host 'x': no such host"
     */
    public void checkResolvable() {
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CliException(ExitCodes.CAMERA, "cannot resolve camera host '" + host + "': no such host", e);
        }
    }

    /** Session options for this camera with the library's defaults; the caller may change more on the builder. */
    public FoscSessionOptions.Builder sessionOptions() {
        return FoscSessionOptions.builder(host, FoscCredentials.of(user, password)).port(port).profile(profile);
    }

    @Override
    public String toString() {
        return name + " (" + displayUrl() + ", profile " + profileName() + ")";
    }
}
